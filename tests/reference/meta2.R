# Reference values for ekc.meta_analysis(hksj=, subgroup=), its prediction interval and Egger's test.
# Run from tests/reference:  Rscript meta2.R   (writes meta_bcg.csv and meta2_R.csv)
# Debian packages: r-base-core, r-cran-metafor. metafor 3.8: predict(..., pi.type = "riley") is the
# prediction interval on t with k - 2 df; regtest(model = "lm") is Egger's classic regression test.
library(metafor)
bcg <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
bcg <- data.frame(study = paste(bcg$author, bcg$year), yi = as.numeric(bcg$yi), sei = sqrt(as.numeric(bcg$vi)),
                  alloc = bcg$alloc)
write.csv(format(bcg, digits = 15), "meta_bcg.csv", row.names = FALSE, quote = TRUE)
bcg <- read.csv("meta_bcg.csv")
syn <- read.csv("../../data/sample/meta_synthetic.csv")
sets <- list(bcg = data.frame(yi = bcg$yi, sei = bcg$sei, g = bcg$alloc),
             syn = data.frame(yi = syn$log_rr, sei = syn$se, g = syn$design),
             syn5 = data.frame(yi = syn$log_rr[1:5], sei = syn$se[1:5], g = syn$design[1:5]))
ctl <- list(threshold = 1e-12, maxiter = 1000)
out <- list()
put <- function(name, value) out[[name]] <<- value
put("syn_md5", unname(tools::md5sum("../../data/sample/meta_synthetic.csv")))
for (set in names(sets)) {
  d <- sets[[set]]
  for (method in c("REML", "DL")) {
    for (test in c("z", "knha")) {
      r <- rma(yi = yi, sei = sei, data = d, method = method, test = test, control = ctl)
      pr <- predict(r, pi.type = "riley")
      key <- paste(set, method, test, sep = "_")
      put(paste0(key, "_est"), r$b[[1]]); put(paste0(key, "_se"), r$se)
      put(paste0(key, "_low"), r$ci.lb); put(paste0(key, "_high"), r$ci.ub); put(paste0(key, "_p"), r$pval)
      put(paste0(key, "_tau2"), r$tau2)
      put(paste0(key, "_pi_low"), pr$pi.lb); put(paste0(key, "_pi_high"), pr$pi.ub)
    }
  }
  # ad hoc HKSJ (Roever, Knapp & Friede 2015; metafor >= 4 test = "adhoc"): the larger of the two SEs
  rz <- rma(yi = yi, sei = sei, data = d, method = "REML", test = "z", control = ctl)
  rk <- rma(yi = yi, sei = sei, data = d, method = "REML", test = "knha", control = ctl)
  se_adhoc <- max(rz$se, rk$se)
  put(paste0(set, "_adhoc_se"), se_adhoc)
  put(paste0(set, "_adhoc_low"), rk$b[[1]] - qt(0.975, rk$k - 1) * se_adhoc)
  put(paste0(set, "_adhoc_pi_high"), rk$b[[1]] + qt(0.975, rk$k - 2) * sqrt(se_adhoc^2 + rk$tau2))
  eg <- regtest(rma(yi = yi, sei = sei, data = d, method = "REML", control = ctl), model = "lm")
  put(paste0(set, "_egger_t"), eg$zval); put(paste0(set, "_egger_p"), eg$pval); put(paste0(set, "_egger_df"), eg$dfs)
  put(paste0(set, "_egger_b0"), eg$est)
  if (set != "syn5") {
    m <- rma(yi = yi, sei = sei, mods = ~ factor(g), data = d, method = "REML", control = ctl)
    put(paste0(set, "_qm"), m$QM); put(paste0(set, "_qm_p"), m$QMp); put(paste0(set, "_qm_tau2"), m$tau2)
    for (lev in sort(unique(d$g))) {
      s <- d[d$g == lev, ]
      if (nrow(s) > 1) {
        rs <- rma(yi = yi, sei = sei, data = s, method = "REML", control = ctl)
        put(paste0(set, "_sub_", lev, "_est"), rs$b[[1]]); put(paste0(set, "_sub_", lev, "_low"), rs$ci.lb)
      }
    }
  }
}
res <- data.frame(name = names(out), value = vapply(out, function(v) format(v, digits = 15), ""))
write.csv(res, "meta2_R.csv", row.names = FALSE, quote = FALSE)
print(res)
