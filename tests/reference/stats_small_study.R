# Reference values for ekc_analysis.stats._small_study (tests/stats/test_small_study.py), metafor 3.8.
# Run from tests/reference (after stats_meta.R, whose stats_meta_data.csv it reads):  Rscript stats_small_study.R
# (writes stats_small_study_R.csv). trimfill(rma(yi, sei = sei, method = ...)) with the L0 estimator: k0, its
# side, the refitted model and the filled studies; PET and PEESE as lm(yi ~ sei, weights = 1/sei^2) and
# lm(yi ~ I(sei^2), weights = 1/sei^2) (Stanley & Doucouliagos 2014); hackshaw_plus is dat.hackshaw1998
# shifted by +0.3, so that PET's intercept differs from zero and PEESE is the conditional choice.
# For REML, trimfill's internal fits stop at metafor's default threshold (a change in tau^2 below 1e-5)
# whatever control is given, so its REML results are good to ~1e-6 only.
library(metafor)
data <- read.csv("stats_meta_data.csv")
ctl <- list(threshold = 1e-12, maxiter = 1000)
out <- list()
put <- function(name, value) out[[name]] <<- value
tf_put <- function(key, tf) {
  put(paste0(key, "_k0"), tf$k0); put(paste0(key, "_side"), if (tf$side == "left") -1 else 1)
  put(paste0(key, "_est"), tf$b[[1]]); put(paste0(key, "_se"), tf$se); put(paste0(key, "_tau2"), tf$tau2)
  put(paste0(key, "_k"), tf$k)
  filled <- sort(tf$yi[tf$fill])
  for (j in seq_along(filled)) put(paste0(key, "_fill", j), filled[j])
}
data <- rbind(data, transform(data[data$set == "hackshaw", ], set = "hackshaw_plus", yi = yi + 0.3))
for (s in c("bcg", "hackshaw", "four", "hackshaw_plus")) {
  d <- data[data$set == s, ]
  for (method in c("FE", "DL", "REML")) {
    tf_put(paste(s, method, sep = "_"), trimfill(rma(yi = yi, sei = sei, data = d, method = method, control = ctl)))
  }
  pet <- summary(lm(yi ~ sei, weights = 1 / sei^2, data = d))$coefficients
  peese <- summary(lm(yi ~ I(sei^2), weights = 1 / sei^2, data = d))$coefficients
  put(paste0(s, "_pet_est"), pet[1, 1]); put(paste0(s, "_pet_se"), pet[1, 2]); put(paste0(s, "_pet_p"), pet[1, 4])
  put(paste0(s, "_peese_est"), peese[1, 1]); put(paste0(s, "_peese_se"), peese[1, 2])
  put(paste0(s, "_peese_p"), peese[1, 4])
}
d <- data[data$set == "hackshaw", ]
tf_put("hackshaw_REML_right", trimfill(rma(yi = yi, sei = sei, data = d, method = "REML", control = ctl), side = "right"))
res <- data.frame(name = names(out), value = vapply(out, function(v) format(v, digits = 15), ""))
write.csv(res, "stats_small_study_R.csv", row.names = FALSE, quote = FALSE)
print(res)
