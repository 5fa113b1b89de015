# Reference values for tests/stats/test_fine_gray.py (ekc_analysis.stats._fine_gray on its own).
# Data: the example of cmprsk's ?crr (set.seed(10); 200 exponential times, status 0/1/2, three uniform
# covariates), and the same with the times rounded to 0.1 (ties between failures, competing events and
# censoring). Written to stats_fine_gray_data.csv. Run from tests/reference:  Rscript stats_fine_gray.R
# R 4.2, cmprsk 2.2: crr(ftime, fstatus, cov, failcode, gtol = 1e-12) (the default gtol = 1e-6 stops early).
suppressMessages(library(cmprsk))
set.seed(10)
ftime <- rexp(200)
fstatus <- sample(0:2, 200, replace = TRUE)
cov <- matrix(runif(600), nrow = 200)
d <- data.frame(time = ftime, time_tied = round(ftime, 1) + 0.1, status = fstatus,
                x1 = cov[, 1], x2 = cov[, 2], x3 = cov[, 3])
write.csv(format(d, digits = 17), "stats_fine_gray_data.csv", row.names = FALSE, quote = FALSE)
d <- read.csv("stats_fine_gray_data.csv")
out <- list()
put <- function(name, value) out[[name]] <<- value
put("input_md5", unname(tools::md5sum("stats_fine_gray_data.csv")))
X <- as.matrix(d[, c("x1", "x2", "x3")])
for (tt in c("time", "time_tied")) for (k in 1:2) {
  f <- crr(d[[tt]], d$status, X, failcode = k, gtol = 1e-12, maxiter = 50)
  for (j in 1:3) {
    put(paste(tt, k, "coef", j, sep = "_"), f$coef[j]); put(paste(tt, k, "se", j, sep = "_"), sqrt(f$var[j, j]))
  }
  put(paste(tt, k, "cov_12", sep = "_"), f$var[1, 2]); put(paste(tt, k, "converged", sep = "_"), as.numeric(f$converged))
}
res <- data.frame(name = names(out), value = vapply(out, function(v) format(v, digits = 15), ""))
write.csv(res, "stats_fine_gray_R.csv", row.names = FALSE, quote = FALSE)
