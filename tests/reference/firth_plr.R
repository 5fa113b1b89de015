# Reference values for the Firth fallback's p-values and moderator rows (ekc_analysis.stats._firth):
# penalised likelihood-ratio (PLR) p-values, logistf's default, and the profile penalised-likelihood
# interval and PLR p-value of a linear combination (the arm effect within a moderator level), computed
# independently by maximising l(b) + 0.5 log|X'WX| with optim (logistf is not in Debian) and uniroot.
# Run from tests/reference:  Rscript firth_plr.R   (reads firth_data.csv; writes firth_moderator.csv
# and firth_plr_R.csv)
pen <- function(b, X, y) {
  eta <- drop(X %*% b); p <- plogis(eta); w <- p * (1 - p)
  sum(y * eta - log1p(exp(eta))) + 0.5 * determinant(crossprod(X * sqrt(w)), logarithm = TRUE)$modulus[1]
}
maxpen <- function(f, start) {  # maximise f over its free parameters: BFGS, then Nelder-Mead to polish
  o <- optim(start, function(a) -f(a), method = "BFGS", control = list(reltol = 1e-15, maxit = 10000))
  o <- optim(o$par, function(a) -f(a), method = "Nelder-Mead", control = list(reltol = 1e-16, maxit = 40000))
  o <- optim(o$par, function(a) -f(a), method = "BFGS", control = list(reltol = 1e-16, maxit = 10000))
  list(par = o$par, value = -o$value)
}
plr_p <- function(X, y, j) {  # 2 * (l*max - l*max with b_j = 0) on chi-square(1)
  full <- maxpen(function(b) pen(b, X, y), rep(0, ncol(X)))
  restricted <- maxpen(function(a) { b <- numeric(ncol(X)); b[-j] <- a; pen(b, X, y) }, rep(0, ncol(X) - 1))
  pchisq(2 * (full$value - restricted$value), 1, lower.tail = FALSE)
}
# (a) the separated two-arm data of firth.R: PLR p-values of arm and age
d <- read.csv("firth_data.csv")
X <- cbind(1, d$arm, d$age); y <- d$y
out <- c(p_arm = plr_p(X, y, 2), p_age = plr_p(X, y, 3))
# (b) a moderator with one separated cell: no events without FGC among families with mod = 1
set.seed(14)
n <- 160
m <- data.frame(arm = rep(c(1, 0), n / 2), mod = rep(c(0, 0, 1, 1), n / 4))
m$y <- rbinom(n, 1, plogis(-0.8 + 0.3 * m$arm + 0.6 * m$mod * m$arm))
m$y[m$arm == 0 & m$mod == 1] <- 0
write.csv(m, "firth_moderator.csv", row.names = FALSE)
m <- read.csv("firth_moderator.csv")
Xm <- cbind(1, m$arm, m$mod, m$arm * m$mod); ym <- m$y
full <- maxpen(function(b) pen(b, Xm, ym), rep(0, 4))
theta <- full$par[2] + full$par[4]                       # arm effect (log odds ratio) when mod = 1
at <- function(v) {                                      # profile: b_arm = v - b_int, the rest free
  maxpen(function(a) pen(c(a[1], v - a[3], a[2], a[3]), Xm, ym), full$par[c(1, 3, 4)])$value
}
excess <- function(v) at(v) - (full$value - qchisq(0.95, 1) / 2)
lo <- uniroot(excess, c(theta - 15, theta), tol = 1e-12)$root
hi <- uniroot(excess, c(theta, theta + 15), tol = 1e-12)$root
p_theta <- pchisq(2 * (full$value - at(0)), 1, lower.tail = FALSE)
out <- c(out, mod1_log_or = theta, mod1_low = lo, mod1_high = hi, mod1_p = p_theta,
         int_log_ror = full$par[4], p_int = plr_p(Xm, ym, 4),
         mod0_log_or = full$par[2], p_mod0 = plr_p(Xm, ym, 2),
         events_arm0_mod1 = sum(ym[m$arm == 0 & m$mod == 1]))
res <- data.frame(name = names(out), value = format(out, digits = 15))
write.csv(res, "firth_plr_R.csv", row.names = FALSE, quote = FALSE)
print(res)
