# Reference values for tests/stats/test_mixed.py (ekc_analysis.stats._mixed.lmm on its own), by REML:
#   lme4's sleepstudy (18 subjects x 10 days; Reaction ~ Days + (1 | Subject)), balanced and with dropout
#     (subjects with an odd number in their label lose their days 7-9, two more lose day 0);
#   lme4's Pastes (10 batches x 3 casks x 2 assays; strength ~ 1 + (1 | batch/cask)), nested intercepts.
# Written to stats_mixed_sleepstudy.csv and stats_mixed_pastes.csv. Run from tests/reference:  Rscript stats_mixed.R
# R 4.2, nlme 3.1: lme(..., method = "REML") with tight tolerances (and lme4::lmer agrees to ~1e-6).
suppressMessages({library(lme4); library(nlme)})
write.csv(sleepstudy, "stats_mixed_sleepstudy.csv", row.names = FALSE, quote = FALSE)
write.csv(Pastes, "stats_mixed_pastes.csv", row.names = FALSE, quote = FALSE)
sl <- read.csv("stats_mixed_sleepstudy.csv")
pa <- read.csv("stats_mixed_pastes.csv")
out <- list()
put <- function(name, value) out[[name]] <<- value
put("input_md5_sleepstudy", unname(tools::md5sum("stats_mixed_sleepstudy.csv")))
put("input_md5_pastes", unname(tools::md5sum("stats_mixed_pastes.csv")))
ctl <- lmeControl(tolerance = 1e-12, msTol = 1e-14, msMaxIter = 500, maxIter = 500, niterEM = 100)
drop <- (sl$Subject %% 2 == 1 & sl$Days >= 7) | (sl$Subject %in% c(308, 330) & sl$Days == 0)
fits <- list(sleep = lme(Reaction ~ Days, random = ~ 1 | Subject, data = sl, method = "REML", control = ctl),
             dropout = lme(Reaction ~ Days, random = ~ 1 | Subject, data = sl[!drop, ], method = "REML",
                           control = ctl))
for (nm in names(fits)) {
  m <- fits[[nm]]
  b <- fixef(m); v <- vcov(m)
  put(paste0(nm, "_const_coef"), b[[1]]); put(paste0(nm, "_days_coef"), b[[2]])
  put(paste0(nm, "_const_se"), sqrt(v[1, 1])); put(paste0(nm, "_days_se"), sqrt(v[2, 2]))
  put(paste0(nm, "_cov"), v[1, 2])
  put(paste0(nm, "_sigma"), m$sigma); put(paste0(nm, "_sd_subject"), m$sigma * sqrt(pdMatrix(m$modelStruct$reStruct)$Subject[1, 1]))
  put(paste0(nm, "_n"), nrow(m$data))
}
lm4 <- lmer(Reaction ~ Days + (1 | Subject), data = sl, REML = TRUE)
put("sleep_lmer_sd_subject", attr(VarCorr(lm4)$Subject, "stddev")[[1]]); put("sleep_lmer_sigma", sigma(lm4))
mp <- lme(strength ~ 1, random = ~ 1 | batch/cask, data = pa, method = "REML", control = ctl)
rel <- pdMatrix(mp$modelStruct$reStruct)  # D / sigma^2 per level (VarCorr prints 7 digits)
put("pastes_const_coef", fixef(mp)[[1]]); put("pastes_const_se", sqrt(vcov(mp)[1, 1]))
put("pastes_sd_batch", mp$sigma * sqrt(rel$batch[1, 1])); put("pastes_sd_cask", mp$sigma * sqrt(rel$cask[1, 1]))
put("pastes_sigma", mp$sigma)
res <- data.frame(name = names(out), value = vapply(out, function(v) format(v, digits = 15), ""))
write.csv(res, "stats_mixed_R.csv", row.names = FALSE, quote = FALSE)
