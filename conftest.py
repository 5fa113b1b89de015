collect_ignore = ["ekc_analysis/__main__.py", "benchmarks", "notebooks"]
