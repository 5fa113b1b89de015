# Funnel-plot control limits for a proportion (Spiegelhalter 2005, Stat Med 24:1185, appendix A.1.1),
# computed with base R's binomial functions: exact limits with interpolation, and the normal approximation.
# Run from tests/reference/: Rscript funnel_limits.R  (writes funnel_limits_R.csv)
grid <- expand.grid(p0 = c(0.05, 0.4, 0.693, 0.9), n = c(5, 12, 37, 100, 283, 1000), coverage = c(0.95, 0.998))
exact <- function(p0, n, p) {
  r <- qbinom(p, n, p0)
  upper <- pbinom(r, n, p0)
  lower <- pbinom(r - 1, n, p0)
  a <- ifelse(upper > lower, (upper - p) / (upper - lower), 0)
  pmin(pmax((r - a) / n, 0), 1)
}
tail <- (1 - grid$coverage) / 2
grid$exact_low <- mapply(exact, grid$p0, grid$n, tail)
grid$exact_high <- mapply(exact, grid$p0, grid$n, 1 - tail)
z <- qnorm(1 - tail)
half <- z * sqrt(grid$p0 * (1 - grid$p0) / grid$n)
grid$normal_low <- pmax(grid$p0 - half, 0)
grid$normal_high <- pmin(grid$p0 + half, 1)
write.csv(grid, "funnel_limits_R.csv", row.names = FALSE)
