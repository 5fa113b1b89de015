# Reference values for ekc.doubly_robust (AIPW) on MASS::birthwt.
#   Rscript tests/reference/doubly_robust.R   (writes doubly_robust_R.csv and doubly_robust_data.csv)
# 1. riskRegression::ate(estimator = "AIPTW") for the binary outcome, ATE (risk difference, risk ratio).
# 2. Every case (binary and continuous outcome, ATE and ATT, with and without clusters) by stacked
#    M-estimation written out here: outcome glm, propensity glm and the arm means solved jointly, sandwich
#    variance with the Jacobian by central differences (independent of the analytic influence function in
#    ekc_analysis/stats/aipw.py). With clusters: score sums per cluster, small-sample factor G / (G - 1).
#    Case 2 reproduces case 1 where both exist (checked below).
suppressMessages({library(riskRegression); library(MASS)})
d <- birthwt
d$race <- factor(d$race, labels = c("white", "black", "other"))
d$family <- (seq_len(nrow(d)) - 1) %/% 3          # invented clusters of 3 consecutive rows (for cluster= only)
out_dir <- if (dir.exists("tests/reference")) "tests/reference" else "."
write.csv(d[, c("low", "bwt", "smoke", "age", "lwt", "race", "ptl", "ht", "ui", "family")],
          file.path(out_dir, "doubly_robust_data.csv"), row.names = FALSE)

covs <- "age + lwt + race + ptl + ht + ui"
d$smokef <- factor(d$smoke)
fo <- glm(as.formula(paste("low ~ smokef +", covs)), family = binomial, data = d)
ft <- glm(as.formula(paste("smokef ~", covs)), family = binomial, data = d)
a <- ate(event = fo, treatment = ft, data = d, estimator = "AIPTW", verbose = FALSE)
rr <- data.frame(source = "riskRegression", outcome = "low", estimand = "ATE", cluster = "none",
                 quantity = c("mean_control", "mean_treated", "risk_difference", "risk_ratio"),
                 estimate = c(a$meanRisk$estimate, a$diffRisk$estimate, a$ratioRisk$estimate),
                 se = c(a$meanRisk$se, a$diffRisk$se, a$ratioRisk$se))

expit <- function(x) 1 / (1 + exp(-x))
aipw <- function(y, binary, estimand, cl = NULL) {
  X <- model.matrix(as.formula(paste("~ smoke +", covs)), d)
  Z <- model.matrix(as.formula(paste("~", covs)), d)
  A <- d$smoke
  X1 <- X; X1[, "smoke"] <- 1; X0 <- X; X0[, "smoke"] <- 0
  mu <- if (binary) expit else identity
  U <- function(th) {
    b <- th[1:ncol(X)]; g <- th[ncol(X) + 1:ncol(Z)]; m1 <- th[length(th) - 1]; m0 <- th[length(th)]
    e <- expit(drop(Z %*% g)); q1 <- mu(drop(X1 %*% b)); q0 <- mu(drop(X0 %*% b))
    ub <- X * (y - mu(drop(X %*% b))); ug <- Z * (A - e)
    if (estimand == "ATE") {
      u1 <- q1 + A / e * (y - q1) - m1; u0 <- q0 + (1 - A) / (1 - e) * (y - q0) - m0
    } else {
      u1 <- A * (y - m1); u0 <- A * q0 + (1 - A) * e / (1 - e) * (y - q0) - A * m0
    }
    cbind(ub, ug, u1, u0)
  }
  b <- coef(glm(y ~ X - 1, family = if (binary) binomial else gaussian,
                control = glm.control(epsilon = 1e-14, maxit = 100)))
  g <- coef(glm(A ~ Z - 1, family = binomial, control = glm.control(epsilon = 1e-14, maxit = 100)))
  e <- expit(drop(Z %*% g)); q1 <- mu(drop(X1 %*% b)); q0 <- mu(drop(X0 %*% b))
  if (estimand == "ATE") {
    m1 <- mean(q1 + A / e * (y - q1)); m0 <- mean(q0 + (1 - A) / (1 - e) * (y - q0))
  } else {
    m1 <- sum(A * y) / sum(A); m0 <- sum(A * q0 + (1 - A) * e / (1 - e) * (y - q0)) / sum(A)
  }
  th <- c(b, g, m1, m0); n <- length(y); k <- length(th)
  stopifnot(max(abs(colMeans(U(th)))) < 1e-8)
  J <- matrix(0, k, k)
  for (j in 1:k) {
    h <- 1e-6 * max(1, abs(th[j])); tp <- th; tm <- th; tp[j] <- tp[j] + h; tm[j] <- tm[j] - h
    J[, j] <- (colMeans(U(tp)) - colMeans(U(tm))) / (2 * h)
  }
  S <- U(th)
  if (is.null(cl)) { B <- crossprod(S) / n } else {
    Sg <- rowsum(S, cl); G <- nrow(Sg); B <- crossprod(Sg) / n * G / (G - 1)
  }
  Ji <- solve(J); V <- Ji %*% B %*% t(Ji) / n
  Vm <- V[(k - 1):k, (k - 1):k]
  grad_rd <- c(1, -1); grad_lr <- c(1 / m1, -1 / m0)
  rd <- m1 - m0; se_rd <- sqrt(drop(t(grad_rd) %*% Vm %*% grad_rd))
  se_lr <- sqrt(drop(t(grad_lr) %*% Vm %*% grad_lr))
  data.frame(quantity = c("mean_control", "mean_treated", if (binary) "risk_difference" else "mean_difference",
                          if (binary) "risk_ratio"),
             estimate = c(m0, m1, rd, if (binary) m1 / m0),
             se = c(sqrt(Vm[2, 2]), sqrt(Vm[1, 1]), se_rd, if (binary) m1 / m0 * se_lr))
}
rows <- list(rr)
for (outcome in c("low", "bwt")) for (estimand in c("ATE", "ATT")) for (clus in c("none", "family")) {
  r <- aipw(d[[outcome]], outcome == "low", estimand, if (clus == "none") NULL else d$family)
  rows[[length(rows) + 1]] <- cbind(data.frame(source = "stacked", outcome = outcome, estimand = estimand,
                                               cluster = clus), r)
}
res <- do.call(rbind, rows)
chk <- merge(res[res$source == "riskRegression", ], res[res$source == "stacked" & res$cluster == "none" &
             res$outcome == "low" & res$estimand == "ATE", ], by = "quantity")
stopifnot(max(abs(chk$estimate.x - chk$estimate.y)) < 1e-8, max(abs(chk$se.x - chk$se.y)) < 1e-7)
write.csv(res, file.path(out_dir, "doubly_robust_R.csv"), row.names = FALSE)
print(res, digits = 10)
