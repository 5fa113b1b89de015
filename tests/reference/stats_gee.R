# Reference values for tests/stats/test_gee.py (ekc_analysis.stats._gee.gee_logistic on its own).
# Data: geepack's ohio (wheeze at ages 7-10 of 537 children; smoke = mother smoked), written to stats_gee_ohio.csv.
# Run from tests/reference:  Rscript stats_gee.R   (writes stats_gee_ohio.csv, stats_gee_R.csv)
# R 4.2, geepack 1.3: geeglm(resp ~ age + smoke, id = id, family = binomial, corstr = "exchangeable"),
# robust ("san.se") covariance; the moment estimators of alpha and the scale as geese's.
suppressMessages({library(geepack); library(sandwich)})
data(ohio, package = "geepack")
write.csv(ohio, "stats_gee_ohio.csv", row.names = FALSE, quote = FALSE)
d <- read.csv("stats_gee_ohio.csv")
out <- list()
put <- function(name, value) out[[name]] <<- value
put("input_md5", unname(tools::md5sum("stats_gee_ohio.csv")))
ctl <- geese.control(epsilon = 1e-12, maxit = 100)
fits <- list(
  full = d,
  # unbalanced: children with an even id miss their visit at age 10 (age = 1), some of ids divisible by 7 at 8 too
  unbal = d[!((d$id %% 2 == 0 & d$age == 1) | (d$id %% 7 == 0 & d$age == -1)), ])
for (nm in names(fits)) {
  m <- geeglm(resp ~ age + smoke, id = id, data = fits[[nm]], family = binomial, corstr = "exchangeable",
              control = ctl)
  b <- coef(m); v <- vcov(m)
  for (k in names(b)) {
    key <- ifelse(k == "(Intercept)", "const", k)
    put(paste(nm, key, "coef", sep = "_"), b[[k]]); put(paste(nm, key, "se", sep = "_"), sqrt(v[k, k]))
  }
  put(paste(nm, "cov_age_smoke", sep = "_"), v["age", "smoke"])
  put(paste(nm, "alpha", sep = "_"), m$geese$alpha[[1]]); put(paste(nm, "scale", sep = "_"), m$geese$gamma[[1]])
  put(paste(nm, "n_rows", sep = "_"), nrow(fits[[nm]]))
}
# one row per cluster (age 9 only): no pairs, so GEE = glm with the HC0 sandwich
one <- d[d$age == 0, ]
g <- glm(resp ~ smoke, family = binomial, data = one, control = glm.control(epsilon = 1e-14, maxit = 100))
v0 <- vcovHC(g, type = "HC0")
put("single_const_coef", coef(g)[[1]]); put("single_smoke_coef", coef(g)[[2]])
put("single_const_se", sqrt(v0[1, 1])); put("single_smoke_se", sqrt(v0[2, 2]))
res <- data.frame(name = names(out), value = vapply(out, function(v) format(v, digits = 15), ""))
write.csv(res, "stats_gee_R.csv", row.names = FALSE, quote = FALSE)
