# Reference values for ekc_analysis.stats._rubin (tests/stats/test_rubin.py).
# Run from tests/reference:  Rscript stats_rubin.R   (writes stats_rubin_input.csv and stats_rubin_R.csv)
# mice 3.15 (Debian r-cran-mice) with mitml 0.4 (r-cran-mitml): mice::pool on lm fits of the nhanes data,
# mice::pool.scalar on hand-made estimates, and mitml:::.D2 (the D2 statistic mice::D2 hands to
# mitml::testModels) with p = pf(F, k, v, lower.tail = FALSE).
suppressMessages(library(mice))
out <- list()
put <- function(name, value) out[[name]] <<- value
imp <- mice(nhanes, m = 5, seed = 2024, printFlag = FALSE)
fit <- with(imp, lm(chl ~ bmi + age))
per <- do.call(rbind, lapply(seq_along(fit$analyses), function(i) {
  f <- fit$analyses[[i]]
  data.frame(imputation = i, term = names(coef(f)), q = unname(coef(f)), u = unname(diag(vcov(f))),
             dfcom = df.residual(f))
}))
write.csv(per, "stats_rubin_input.csv", row.names = FALSE)
pooled <- pool(fit)$pooled
for (i in seq_len(nrow(pooled))) {
  key <- paste0("nhanes_", pooled$term[i])
  for (col in c("estimate", "ubar", "b", "t", "dfcom", "df", "riv", "lambda", "fmi")) {
    put(paste0(key, "_", col), pooled[[col]][i])
  }
}
s <- summary(pool(fit), conf.int = TRUE)
put("nhanes_bmi_low", s[s$term == "bmi", "2.5 %"]); put("nhanes_bmi_p", s[s$term == "bmi", "p.value"])
Q <- c(0.42, 0.51, 0.37, 0.60, 0.45, 0.49, 0.55)
U <- c(0.010, 0.012, 0.011, 0.009, 0.013, 0.010, 0.012)
for (n in c(Inf, 50)) {
  ps <- pool.scalar(Q, U, n = n, k = 3)
  key <- paste0("scalar_", n)
  for (col in c("qbar", "ubar", "b", "t", "df", "r", "fmi")) put(paste0(key, "_", col), ps[[col]])
}
ps <- pool.scalar(rep(0.3, 4), c(0.02, 0.03, 0.025, 0.02), n = 40, k = 2)  # no between-imputation variance
for (col in c("b", "t", "df", "fmi")) put(paste0("same_", col), ps[[col]])
ps <- pool.scalar(rep(0.3, 4), c(0.02, 0.03, 0.025, 0.02))
put("same_inf_df", ps$df)
d2 <- function(d, k, key) {
  D <- mitml:::.D2(d, k)
  put(paste0(key, "_F"), D$F); put(paste0(key, "_v"), D$v); put(paste0(key, "_p"), pf(D$F, k, D$v, lower.tail = FALSE))
}
d2(c(8.1, 11.4, 6.9, 9.7, 12.3), 2, "d2_a")
d2(c(3.2, 4.9, 2.1, 5.5, 3.8, 4.1, 2.7, 6.0, 3.3, 4.4), 3, "d2_b")
res <- data.frame(name = names(out), value = vapply(out, function(v) format(v, digits = 15), ""))
write.csv(res, "stats_rubin_R.csv", row.names = FALSE, quote = FALSE)
print(res)
