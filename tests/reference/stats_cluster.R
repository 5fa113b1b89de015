# Reference values for tests/stats/test_cluster.py (ekc_analysis.stats._cluster.clustered_ratio on its own).
# Data: datasets::esoph (88 age x alcohol x tobacco cells; ncases, ncontrols), each cell a cluster of
# ncases + ncontrols people, y = ncases: the share of cases over all people; over cells 11-17 alone (7 clusters,
# 2 cases); and over the first 6 cells (no case: share 0).
# Run from tests/reference:  Rscript stats_cluster.R   (writes stats_cluster_R.csv)
# R 4.2, sandwich 3.x: vcovCL(lm(y ~ 1), cluster = ~cell, type = "HC1") on one row per person; the interval
# logit(p) +- qt(0.975, G - 1) se / (p (1 - p)), back-transformed.
suppressMessages(library(sandwich))
e <- datasets::esoph
out <- list()
put <- function(name, value) out[[name]] <<- value
subsets <- list(all = 1:88, few = 11:17, first6 = 1:6)
for (nm in names(subsets)) {
  cells <- e[subsets[[nm]], ]
  n <- cells$ncases + cells$ncontrols
  long <- data.frame(cell = rep(seq_len(nrow(cells)), n),
                     y = unlist(mapply(function(a, b) c(rep(1, a), rep(0, b)), cells$ncases, cells$ncontrols)))
  m <- lm(y ~ 1, data = long)
  se <- sqrt(vcovCL(m, cluster = ~cell, type = "HC1")[1, 1])
  p <- coef(m)[[1]]; G <- nrow(cells)
  half <- qt(0.975, G - 1) * se / (p * (1 - p))
  put(paste0(nm, "_p"), p); put(paste0(nm, "_se"), se)
  put(paste0(nm, "_low"), plogis(qlogis(p) - half)); put(paste0(nm, "_high"), plogis(qlogis(p) + half))
  put(paste0(nm, "_deff"), se^2 / (p * (1 - p) / nrow(long)))
  put(paste0(nm, "_n"), nrow(long)); put(paste0(nm, "_G"), G)
  put(paste0(nm, "_ncases"), paste(cells$ncases, collapse = " "))
  put(paste0(nm, "_ncontrols"), paste(cells$ncontrols, collapse = " "))
}
res <- data.frame(name = names(out), value = vapply(out, function(v) format(v, digits = 15), ""))
write.csv(res, "stats_cluster_R.csv", row.names = FALSE, quote = FALSE)
