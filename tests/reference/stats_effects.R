# Reference values for ekc_analysis.stats._effects (tests/stats/test_effects.py).
# Run from tests/reference:  Rscript stats_effects.R   (writes stats_effects_data.csv and stats_effects_R.csv)
# Needs metafor, AER and sandwich (Debian: r-cran-metafor, r-cran-aer, r-cran-sandwich).
suppressMessages({library(metafor); library(AER); library(sandwich)})
out <- list()
put <- function(name, value) out[[name]] <<- value
# Welch and Hedges' g on two classic data sets: sleep (10 vs 10) and mtcars mpg by transmission (13 vs 19)
sets <- list(sleep = data.frame(y = sleep$extra, g = as.integer(sleep$group == "1")),
             mtcars = data.frame(y = mtcars$mpg, g = mtcars$am))
# IV: one-sided non-compliance, heteroskedastic outcome
set.seed(20240611)
n <- 240
z <- rbinom(n, 1, 0.5)
d <- z * rbinom(n, 1, 0.7)
y <- round(1 + 0.6 * d + rnorm(n, sd = 1 + 0.8 * d), 6)
data <- rbind(cbind(set = "sleep", sets$sleep, d = NA), cbind(set = "mtcars", sets$mtcars, d = NA),
              data.frame(set = "iv", y = y, g = z, d = d))
write.csv(data, "stats_effects_data.csv", row.names = FALSE)
data <- read.csv("stats_effects_data.csv")
for (s in c("sleep", "mtcars")) {
  x <- data[data$set == s, ]
  y1 <- x$y[x$g == 1]; y0 <- x$y[x$g == 0]
  tt <- t.test(y1, y0)  # Welch
  put(paste0(s, "_welch_est"), unname(tt$estimate[1] - tt$estimate[2]))
  put(paste0(s, "_welch_low"), tt$conf.int[1]); put(paste0(s, "_welch_high"), tt$conf.int[2])
  put(paste0(s, "_welch_p"), tt$p.value); put(paste0(s, "_welch_df"), unname(tt$parameter))
  put(paste0(s, "_welch_se"), unname(tt$stderr))
  tt90 <- t.test(y1, y0, conf.level = 0.90)
  put(paste0(s, "_welch90_low"), tt90$conf.int[1])
  # metafor: standardised mean difference with the exact small-sample correction (gamma functions)
  es <- escalc(measure = "SMD", m1i = mean(y1), sd1i = sd(y1), n1i = length(y1),
               m2i = mean(y0), sd2i = sd(y0), n2i = length(y0), vtype = "LS")
  put(paste0(s, "_smd_yi"), as.numeric(es$yi)); put(paste0(s, "_smd_vi"), as.numeric(es$vi))
}
# IV: AER::ivreg(y ~ d | z), sandwich::vcovHC(type = "HC0")
x <- data[data$set == "iv", ]
iv <- ivreg(y ~ d | g, data = x)
V <- vcovHC(iv, type = "HC0")
put("iv_coef", coef(iv)[["d"]]); put("iv_se_hc0", sqrt(V["d", "d"]))
put("iv_p", 2 * pnorm(-abs(coef(iv)[["d"]] / sqrt(V["d", "d"]))))
put("iv_low", coef(iv)[["d"]] - qnorm(0.975) * sqrt(V["d", "d"]))
# two-sample z test with pooled variance = prop.test without continuity correction
pt1 <- prop.test(c(56, 48), c(70, 80), correct = FALSE)
put("newcombe_a_p", pt1$p.value)
res <- data.frame(name = names(out), value = vapply(out, function(v) format(v, digits = 15), ""))
write.csv(res, "stats_effects_R.csv", row.names = FALSE, quote = FALSE)
print(res)
