# Reference values for ekc_analysis.stats._meta (tests/stats/test_meta.py), metafor 3.8 (Debian r-cran-metafor).
# Run from tests/reference:  Rscript stats_meta.R   (writes stats_meta_data.csv and stats_meta_R.csv)
# Data: dat.bcg (log risk ratios, with absolute latitude and year for the meta-regression; Viechtbauer 2010,
# J Stat Softw 36(3)), dat.hackshaw1998 (37 log odds ratios), and three small made-up sets: two studies,
# three homogeneous studies (tau^2 truncated at 0) and four heterogeneous ones.
library(metafor)
bcg <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
h <- dat.hackshaw1998
data <- rbind(
  data.frame(set = "bcg", yi = as.numeric(bcg$yi), sei = sqrt(as.numeric(bcg$vi)), ablat = bcg$ablat, year = bcg$year),
  data.frame(set = "hackshaw", yi = as.numeric(h$yi), sei = sqrt(as.numeric(h$vi)), ablat = NA, year = h$year),
  data.frame(set = "two", yi = c(0.10, 0.62), sei = c(0.15, 0.20), ablat = NA, year = NA),
  data.frame(set = "homogeneous", yi = c(0.20, 0.22, 0.19), sei = c(0.10, 0.12, 0.15), ablat = NA, year = NA),
  data.frame(set = "four", yi = c(-0.30, 0.45, 0.10, 0.80), sei = c(0.12, 0.25, 0.10, 0.30), ablat = NA, year = NA))
write.csv(data, "stats_meta_data.csv", row.names = FALSE)
data <- read.csv("stats_meta_data.csv")
ctl <- list(threshold = 1e-12, maxiter = 1000)
out <- list()
put <- function(name, value) out[[name]] <<- value
for (s in unique(data$set)) {
  d <- data[data$set == s, ]
  for (method in c("DL", "SJ", "REML", "FE")) {
    r <- rma(yi = yi, sei = sei, data = d, method = method, control = ctl)
    key <- paste(s, method, sep = "_")
    put(paste0(key, "_tau2"), r$tau2)
    if (method != "SJ") {
      put(paste0(key, "_est"), r$b[[1]]); put(paste0(key, "_se"), r$se); put(paste0(key, "_low"), r$ci.lb)
      put(paste0(key, "_p"), r$pval); put(paste0(key, "_i2"), r$I2); put(paste0(key, "_h2"), r$H2)
      put(paste0(key, "_q"), r$QE); put(paste0(key, "_qp"), r$QEp)
      put(paste0(key, "_w1"), weights(r)[[1]] / 100)
    }
  }
  if (nrow(d) > 2) {
    eg <- regtest(rma(yi = yi, sei = sei, data = d, method = "FE"), model = "lm")
    put(paste0(s, "_egger_t"), eg$zval); put(paste0(s, "_egger_p"), eg$pval); put(paste0(s, "_egger_df"), eg$dfs)
    put(paste0(s, "_egger_b0"), eg$est); put(paste0(s, "_egger_slope"), coef(eg$fit)[[2]])
  }
}
d <- data[data$set == "bcg", ]
for (mods in c("ablat", "ablat_year")) {
  f <- if (mods == "ablat") ~ ablat else ~ ablat + year
  m <- rma(yi = yi, sei = sei, mods = f, data = d, method = "REML", control = ctl)
  key <- paste0("mr_", mods)
  put(paste0(key, "_tau2"), m$tau2); put(paste0(key, "_qm"), m$QM); put(paste0(key, "_qmp"), m$QMp)
  for (j in seq_along(m$b)) put(paste0(key, "_b", j - 1), m$b[[j]])
  for (j in seq_along(m$b)) put(paste0(key, "_se", j - 1), m$se[[j]])
  put(paste0(key, "_cov01"), vcov(m)[1, 2])
}
res <- data.frame(name = names(out), value = vapply(out, function(v) format(v, digits = 15), ""))
write.csv(res, "stats_meta_R.csv", row.names = FALSE, quote = FALSE)
print(res)
