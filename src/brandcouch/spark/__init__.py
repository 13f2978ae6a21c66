"""brandcouch on Apache Spark (docs/scale.md): the store exported as Parquet
(:func:`brandcouch.spark.export.export_parquet`, no Spark needed) and the same analysis run on
a SparkSession (:func:`brandcouch.spark.run.analyse_parquet`, needs the ``spark`` extra)."""
