# Reference for ekc_analysis' Rubin's rules (= mice::pool) on real public data with real missing values:
# survival::lung (228 patients; wt.loss 14, meal.cal 47, ph.karno 1 and inst 1 missing).
# Run from the repository root: Rscript tests/reference/mice_pool.R
# mice(m = 5, seed = 2026) imputes wt.loss, meal.cal, ph.karno (pmm); inst (the institution, used as cluster) is
# neither imputed nor a predictor. complete(imp, "long", include = TRUE) -> mice_lung_long.csv. In each completed
# set: wl10 = (wt.loss >= 10), the models ekc_analysis fits, pooled by mice::pool (dfcom = Inf for the z-based glm /
# coxph rows, as ekc_analysis treats normal-theory intervals) or, where ekc_analysis uses a robust variance, by
# mice::pool.scalar on that variance with the interval's own df (HC2: n - p; CR2: G - 1).
suppressPackageStartupMessages({library(mice); library(survival); library(sandwich); library(clubSandwich)})
out <- "tests/reference"
l <- survival::lung[, c("inst", "time", "status", "sex", "age", "ph.karno", "wt.loss", "meal.cal")]
l$status <- l$status - 1L
l$female <- as.integer(l$sex == 2); l$sex <- NULL
pred <- make.predictorMatrix(l); pred[, "inst"] <- 0
meth <- make.method(l); meth["inst"] <- ""
imp <- mice(l, m = 5, seed = 2026, printFlag = FALSE, method = meth, predictorMatrix = pred)
write.csv(complete(imp, "long", include = TRUE), file.path(out, "mice_lung_long.csv"), row.names = FALSE)
sets <- lapply(1:5, function(i) { x <- complete(imp, i); x$wl10 <- as.integer(x$wt.loss >= 10); x })

rows <- list()
add <- function(measure, est, se, df, fmi, riv) {
  rows[[length(rows) + 1]] <<- data.frame(measure = measure, estimate = est, se = se, df = df, fmi = fmi, riv = riv)
}
from_pool <- function(measure, fits, term) {
  p <- pool(as.mira(fits), dfcom = Inf); s <- summary(p); pp <- p$pooled; i <- which(pp$term == term)
  add(measure, pp$estimate[i], s$std.error[i], pp$df[i], pp$fmi[i], pp$riv[i])
}
from_scalar <- function(measure, qu, dfcom) {
  p <- pool.scalar(qu[1, ], qu[2, ], n = dfcom + 1, k = 1)
  add(measure, p$qbar, sqrt(p$t), p$df, p$fmi, p$r)
}
# compare(imp, "wl10", "female", covariates = ["age", "meal.cal"])
from_pool("odds_ratio", lapply(sets, function(x) glm(wl10 ~ female, family = binomial, data = x)), "female")
from_pool("adjusted_odds_ratio", lapply(sets, function(x) glm(wl10 ~ female + age + meal.cal, family = binomial,
                                                              data = x)), "female")
from_scalar("risk_difference", sapply(sets, function(x) { p1 <- mean(x$wl10[x$female == 1])
  p0 <- mean(x$wl10[x$female == 0]); c(p1 - p0, p1 * (1 - p1) / sum(x$female) + p0 * (1 - p0) / sum(1 - x$female)) }),
  Inf)
# compare(imp, "wt.loss", "female", covariates = ["age", "meal.cal"]): ANCOVA with HC2, t on n - 4
from_scalar("adjusted_mean_difference", sapply(sets, function(x) { f <- lm(wt.loss ~ female + age + meal.cal, x)
  c(coef(f)[["female"]], vcovHC(f, type = "HC2")["female", "female"]) }), nrow(l) - 4)
# survival(imp, "time", "status", "female", covariates = ["age", "ph.karno", "wt.loss", "meal.cal"])
from_pool("adjusted_hazard_ratio", lapply(sets, function(x) coxph(Surv(time, status) ~ female + age + ph.karno +
                                                                   wt.loss + meal.cal, ties = "efron", data = x)),
          "female")
# compare(imp, "wl10", "female", cluster = "inst"): linear probability model, CR2, t on G - 1 (row without inst out)
from_scalar("clustered_risk_difference", sapply(sets, function(x) { x <- x[!is.na(x$inst), ]
  f <- lm(wl10 ~ female, x); v <- vcovCR(f, cluster = x$inst, type = "CR2")
  c(coef(f)[["female"]], v[2, 2]) }), length(unique(na.omit(l$inst))) - 1)
write.csv(do.call(rbind, rows), file.path(out, "mice_pool_R.csv"), row.names = FALSE)
