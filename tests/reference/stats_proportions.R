# Reference values for ekc_analysis.stats._proportions (tests/stats/test_proportions.py), base R only.
# Run from tests/reference:  Rscript stats_proportions.R   (writes stats_proportions_R.csv)
# Wilson: prop.test(k, n, correct = FALSE)$conf.int. Goodman (1965) is the Wilson interval of each share at
# the Bonferroni level 1 - alpha/K (its chi-square quantile qchisq(1 - alpha/K, 1) is z^2), so
# prop.test(k, N, conf.level = 1 - alpha/K, correct = FALSE). mean_ci: t.test(x). goodness_of_fit: chisq.test(x, p).
out <- list()
put <- function(name, value) out[[name]] <<- value
for (a in c(0.05, 0.01, 0.10)) put(paste0("z_", a), qnorm(1 - a / 2))
wilson_cases <- list(c(7, 10), c(0, 10), c(10, 10), c(0, 1), c(1, 1), c(1, 3), c(56, 70), c(123, 400))
for (kn in wilson_cases) {
  for (a in c(0.05, 0.01)) {
    ci <- prop.test(kn[1], kn[2], conf.level = 1 - a, correct = FALSE)$conf.int
    key <- paste0("wilson_", kn[1], "_", kn[2], "_", a)
    put(paste0(key, "_low"), ci[1]); put(paste0(key, "_high"), ci[2])
  }
}
counts <- c(35, 74, 22, 69, 0)  # five categories, one empty
K <- length(counts); N <- sum(counts)
for (a in c(0.05, 0.10)) {
  for (i in seq_len(K)) {
    ci <- prop.test(counts[i], N, conf.level = 1 - a / K, correct = FALSE)$conf.int
    put(paste0("goodman_", a, "_", i, "_low"), ci[1]); put(paste0("goodman_", a, "_", i, "_high"), ci[2])
  }
}
x <- c(12.1, 9.8, 14.3, 11.0, 10.6, 13.9, 8.7)
tt <- t.test(x); put("mean_est", mean(x)); put("mean_low", tt$conf.int[1]); put("mean_high", tt$conf.int[2])
put("mean_se", tt$stderr)
tt90 <- t.test(x, conf.level = 0.90); put("mean90_low", tt90$conf.int[1])
tt2 <- t.test(c(3, 5)); put("mean2_low", tt2$conf.int[1]); put("mean2_high", tt2$conf.int[2])
obs <- c(48, 30, 14, 8); shares <- c(0.5, 0.3, 0.15, 0.05)
cs <- chisq.test(obs, p = shares)
put("gof_stat", unname(cs$statistic)); put("gof_df", unname(cs$parameter)); put("gof_p", cs$p.value)
cs2 <- chisq.test(obs, p = c(2, 1, 1, 1), rescale.p = TRUE)  # shares given as weights
put("gof2_stat", unname(cs2$statistic)); put("gof2_p", cs2$p.value)
res <- data.frame(name = names(out), value = vapply(out, function(v) format(v, digits = 15), ""))
write.csv(res, "stats_proportions_R.csv", row.names = FALSE, quote = FALSE)
print(res)
