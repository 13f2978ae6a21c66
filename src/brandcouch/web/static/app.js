// Progressive enhancement only: every page works without it.
// Selects marked data-autosubmit submit their form on change; their "Open" buttons hide.
document.addEventListener("DOMContentLoaded", function () {
  document.documentElement.classList.add("js");
  document.querySelectorAll("select[data-autosubmit]").forEach(function (sel) {
    sel.addEventListener("change", function () { sel.form.submit(); });
  });
});
