# Edge-case reference values for ekc_analysis.stats._funnel_limits (tests/stats/test_funnel_limits.py), base R.
# Run from tests/reference:  Rscript stats_funnel_limits.R   (writes stats_funnel_limits_R.csv)
# The same interpolated binomial quantile as funnel_limits.R (Spiegelhalter 2005, Stat Med 24:1185, appendix
# A.1.1), on what that grid leaves out: units of one or two cases, shares near 0 and 1, and quantiles other
# than the 95 % and 99.8 % tails (the median, 0.9, 0.0005).
grid <- expand.grid(p0 = c(0.01, 0.5, 0.97, 0.999), n = c(1, 2, 3, 9), p = c(0.0005, 0.025, 0.5, 0.9, 0.999))
limit <- function(p0, n, p) {
  r <- qbinom(p, n, p0)
  upper <- pbinom(r, n, p0)
  lower <- pbinom(r - 1, n, p0)
  a <- ifelse(upper > lower, (upper - p) / (upper - lower), 0)
  pmin(pmax((r - a) / n, 0), 1)
}
grid$r <- mapply(function(p0, n, p) qbinom(p, n, p0), grid$p0, grid$n, grid$p)
grid$limit <- mapply(limit, grid$p0, grid$n, grid$p)
write.csv(grid, "stats_funnel_limits_R.csv", row.names = FALSE)
print(head(grid, 20))
