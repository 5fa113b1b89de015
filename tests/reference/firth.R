# Reference values for ekc_analysis.stats._firth: Firth's penalised logistic regression computed
# independently (logistf is not in Debian): maximise l(b) + 0.5 log|X'WX| with optim, and the profile
# penalised-likelihood interval of the arm coefficient by uniroot (what logistf reports by default).
# Run from tests/reference:  Rscript firth.R   (writes firth_data.csv and firth_R.csv)
set.seed(2015)
n <- 60
d <- data.frame(arm = rep(c(1, 0), each = n / 2), age = round(runif(n, 0, 17)))
d$y <- ifelse(d$arm == 1, rbinom(n, 1, plogis(-1.2 + 0.08 * d$age)), 0)  # no event without FGC: separation
write.csv(d, "firth_data.csv", row.names = FALSE)
d <- read.csv("firth_data.csv")
X <- cbind(1, d$arm, d$age); y <- d$y
pen <- function(b, off = 0, XX = X) {
  eta <- drop(XX %*% b) + off; p <- plogis(eta); w <- p * (1 - p)
  sum(y * eta - log1p(exp(eta))) + 0.5 * determinant(crossprod(XX * sqrt(w)), logarithm = TRUE)$modulus[1]
}
fit <- optim(c(0, 0, 0), function(b) -pen(b), method = "BFGS", control = list(reltol = 1e-15, maxit = 10000))
fit <- optim(fit$par, function(b) -pen(b), method = "Nelder-Mead", control = list(reltol = 1e-16, maxit = 20000))
b <- fit$par; lmax <- -fit$value
prof <- function(v) {
  inner <- optim(b[-2], function(a) -pen(c(a[1], v, a[2])), method = "BFGS", control = list(reltol = 1e-15))
  inner <- optim(inner$par, function(a) -pen(c(a[1], v, a[2])), method = "Nelder-Mead", control = list(reltol = 1e-16))
  -inner$value - (lmax - qchisq(0.95, 1) / 2)
}
lo <- uniroot(prof, c(b[2] - 15, b[2]), tol = 1e-12)$root
hi <- uniroot(prof, c(b[2], b[2] + 15), tol = 1e-12)$root
p <- plogis(drop(X %*% b)); V <- solve(crossprod(X * sqrt(p * (1 - p))))
out <- c(b0 = b[1], b_arm = b[2], b_age = b[3], se_arm = sqrt(V[2, 2]), loglik = lmax, profile_low = lo,
         profile_high = hi, events_arm1 = sum(y[d$arm == 1]), events_arm0 = sum(y[d$arm == 0]))
# a strong covariate without separation: glm is finite and its fitted probabilities reach below 1e-8
set.seed(7)
s <- data.frame(arm = rep(c(1, 0), 150), x = rnorm(300, 0, 1.6))
s$y <- rbinom(300, 1, plogis(-1 + 0.5 * s$arm + 4 * s$x))
write.csv(s, "firth_strong.csv", row.names = FALSE)
s <- read.csv("firth_strong.csv")
g <- glm(y ~ arm + x, family = binomial, data = s, control = glm.control(epsilon = 1e-14, maxit = 100))
out <- c(out, strong_arm = unname(coef(g)["arm"]), strong_se = sqrt(vcov(g)["arm", "arm"]),
         strong_min_fitted = min(fitted(g)), strong_converged = g$converged)
res <- data.frame(name = names(out), value = format(out, digits = 15))
write.csv(res, "firth_R.csv", row.names = FALSE, quote = FALSE)
print(res)
