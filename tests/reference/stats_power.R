# Reference values for ekc_analysis.stats._power (tests/stats/test_power.py), base R's stats package.
# Run from tests/reference:  Rscript stats_power.R   (writes stats_power_R.csv)
# power.prop.test / power.t.test with strict = FALSE (the default) and tol = 1e-12, so that the solved n, p2
# and delta are exact to ~1e-10 rather than uniroot's default .Machine$double.eps^0.25.
# Unequal arms (n1, n2) for means: the noncentral t of pwr::pwr.t2n.test written out (pwr is not installed):
# pt(qt(alpha/2, n1 + n2 - 2, lower = FALSE), n1 + n2 - 2, ncp = delta / (sd * sqrt(1/n1 + 1/n2)), lower = FALSE).
out <- list()
put <- function(name, value) out[[name]] <<- value
tol <- 1e-12
put("pp_100_30_45", power.prop.test(n = 100, p1 = 0.30, p2 = 0.45)$power)
put("pp_40_10_12_a01", power.prop.test(n = 40, p1 = 0.10, p2 = 0.12, sig.level = 0.01)$power)
put("pp_25_60_60", power.prop.test(n = 25, p1 = 0.60, p2 = 0.60)$power)
put("pt_50_04", power.t.test(n = 50, delta = 0.4)$power)
put("pt_12_5_sd3_a01", power.t.test(n = 12, delta = 5, sd = 3, sig.level = 0.01)$power)
put("pt_20_0", power.t.test(n = 20, delta = 0)$power)
put("n_prop_30_45", power.prop.test(p1 = 0.30, p2 = 0.45, power = 0.8, tol = tol)$n)
put("n_prop_50_40_p90_a01", power.prop.test(p1 = 0.50, p2 = 0.40, power = 0.9, sig.level = 0.01, tol = tol)$n)
put("n_t_04", power.t.test(delta = 0.4, power = 0.8, tol = tol)$n)
put("n_t_5_sd8_p90", power.t.test(delta = 5, sd = 8, power = 0.9, tol = tol)$n)
put("p2_150_30", power.prop.test(n = 150, p1 = 0.30, power = 0.8, tol = tol)$p2)
put("delta_40", power.t.test(n = 40, power = 0.8, tol = tol)$delta)
put("delta_40_sd25_p90", power.t.test(n = 40, sd = 2.5, power = 0.9, tol = tol)$delta)
t2n <- function(n1, n2, delta, sd = 1, alpha = 0.05) {
  df <- n1 + n2 - 2
  pt(qt(alpha / 2, df, lower.tail = FALSE), df, ncp = delta / (sd * sqrt(1 / n1 + 1 / n2)), lower.tail = FALSE)
}
put("pt2n_99_229_035", t2n(99, 229, 0.35))
res <- data.frame(name = names(out), value = vapply(out, function(v) format(v, digits = 15), ""))
write.csv(res, "stats_power_R.csv", row.names = FALSE, quote = FALSE)
print(res)
