# CR2 with Satterthwaite degrees of freedom on the AIPW influence values, on real cluster-randomised data with few,
# unbalanced clusters: clubSandwich::AchievementAwardsRCT (Angrist and Lavy 2009), year 2001, cluster school_id.
#   Rscript tests/reference/aipw_cr2.R   (from the repository root; writes aipw_cr2_data.csv and aipw_cr2_R.csv)
# Two designs:
#   "all":  the 39 schools of 2001 (3,821 pupils, 9 to 248 a school), covariates boy, siblings, immigrant,
#           father_ed, mother_ed, lagscore;
#   "arab": the 10 Arab schools (5 treated : 5 control, 20 to 248 pupils), the same covariates without immigrant
#           (constant 0 there).
# Outcome Bagrut_status (0/1), arm treated. The AIPW influence values are computed here by stacked M-estimation as
# in tests/reference/doubly_robust.R (outcome glm with the arm and the covariates, propensity glm with the
# covariates, the two arm means, the Jacobian by central differences, IF_i = -J^-1 U_i); unclustered they reproduce
# riskRegression::ate(estimator = "AIPTW") (checked below). For each quantity (treated mean, control mean, risk
# difference, log risk ratio) the pseudo-outcome estimate + IF_i is fitted as lm(phi ~ 1) and
# clubSandwich::coef_test(fit, vcov = "CR2", cluster = school_id, test = "Satterthwaite") gives the SE and df_Satt;
# the naive SE is the cluster sum with G / (G - 1) (= clubSandwich vcovCR type "CR1" for this model, checked).
suppressMessages({library(clubSandwich); library(riskRegression)})
out_dir <- if (dir.exists("tests/reference")) "tests/reference" else "."
d <- subset(AchievementAwardsRCT, year == 2001)
d <- data.frame(school_id = as.integer(d$school_id), arab = as.integer(d$school_type == "Arab"),
                treated = d$treated, boy = as.integer(d$sex == "Boy"), siblings = d$siblings,
                immigrant = d$immigrant, father_ed = d$father_ed, mother_ed = d$mother_ed,
                lagscore = d$lagscore, Bagrut_status = d$Bagrut_status)
stopifnot(!anyNA(d))
d <- d[order(d$school_id, -d$lagscore, d$boy, d$siblings, d$father_ed, d$mother_ed), ]
data_file <- file.path(out_dir, "aipw_cr2_data.csv")
write.csv(d, data_file, row.names = FALSE)
d <- read.csv(data_file)  # what the Python test reads

expit <- function(x) 1 / (1 + exp(-x))
ctl <- glm.control(epsilon = 1e-14, maxit = 100)

influence_aipw <- function(dd, covs, estimand) {
  X <- model.matrix(as.formula(paste("~ treated +", covs)), dd)
  Z <- model.matrix(as.formula(paste("~", covs)), dd)
  y <- dd$Bagrut_status; A <- dd$treated
  X1 <- X; X1[, "treated"] <- 1; X0 <- X; X0[, "treated"] <- 0
  U <- function(th) {
    b <- th[1:ncol(X)]; g <- th[ncol(X) + 1:ncol(Z)]; m1 <- th[length(th) - 1]; m0 <- th[length(th)]
    e <- expit(drop(Z %*% g)); q1 <- expit(drop(X1 %*% b)); q0 <- expit(drop(X0 %*% b))
    ub <- X * (y - expit(drop(X %*% b))); ug <- Z * (A - e)
    if (estimand == "ATE") {
      u1 <- q1 + A / e * (y - q1) - m1; u0 <- q0 + (1 - A) / (1 - e) * (y - q0) - m0
    } else {
      u1 <- A * (y - m1); u0 <- A * q0 + (1 - A) * e / (1 - e) * (y - q0) - A * m0
    }
    cbind(ub, ug, u1, u0)
  }
  fo <- glm(y ~ X - 1, family = binomial, control = ctl)
  fp <- glm(A ~ Z - 1, family = binomial, control = ctl)
  stopifnot(fo$converged, fp$converged)
  b <- coef(fo); g <- coef(fp)
  e <- expit(drop(Z %*% g)); q1 <- expit(drop(X1 %*% b)); q0 <- expit(drop(X0 %*% b))
  if (estimand == "ATE") {
    m1 <- mean(q1 + A / e * (y - q1)); m0 <- mean(q0 + (1 - A) / (1 - e) * (y - q0))
  } else {
    m1 <- sum(A * y) / sum(A); m0 <- sum(A * q0 + (1 - A) * e / (1 - e) * (y - q0)) / sum(A)
  }
  th <- c(b, g, m1, m0); k <- length(th)
  stopifnot(max(abs(colMeans(U(th)))) < 1e-8)
  J <- matrix(0, k, k)
  for (j in 1:k) {
    h <- 1e-6 * max(1, abs(th[j])); tp <- th; tm <- th; tp[j] <- tp[j] + h; tm[j] <- tm[j] - h
    J[, j] <- (colMeans(U(tp)) - colMeans(U(tm))) / (2 * h)
  }
  IF <- -U(th) %*% t(solve(J))
  list(m1 = m1, m0 = m0, if1 = IF[, k - 1], if0 = IF[, k])
}

designs <- list(all = list(rows = rep(TRUE, nrow(d)),
                           covs = "boy + siblings + immigrant + father_ed + mother_ed + lagscore"),
                arab = list(rows = d$arab == 1, covs = "boy + siblings + father_ed + mother_ed + lagscore"))
res <- list()
for (nm in names(designs)) for (estimand in c("ATE", "ATT")) {
  dd <- d[designs[[nm]]$rows, ]
  f <- influence_aipw(dd, designs[[nm]]$covs, estimand)
  n <- nrow(dd); G <- length(unique(dd$school_id))
  if (estimand == "ATE") {  # the stacked IF reproduces riskRegression's AIPTW standard errors
    dd$arm <- factor(dd$treated)
    rr <- ate(event = glm(as.formula(paste("Bagrut_status ~ arm +", designs[[nm]]$covs)), binomial, dd,
                          control = ctl),
              treatment = glm(as.formula(paste("arm ~", designs[[nm]]$covs)), binomial, dd, control = ctl),
              data = dd, estimator = "AIPTW", verbose = FALSE)
    stopifnot(abs(rr$diffRisk$estimate - (f$m1 - f$m0)) < 1e-8,
              abs(rr$diffRisk$se - sqrt(sum((f$if1 - f$if0)^2)) / n) < 1e-7)
  }
  quantities <- list(mean_treated = list(est = f$m1, phi = f$if1),
                     mean_control = list(est = f$m0, phi = f$if0),
                     risk_difference = list(est = f$m1 - f$m0, phi = f$if1 - f$if0),
                     log_risk_ratio = list(est = log(f$m1 / f$m0), phi = f$if1 / f$m1 - f$if0 / f$m0))
  for (q in names(quantities)) {
    pseudo <- quantities[[q]]$est + quantities[[q]]$phi
    fit <- lm(pseudo ~ 1)
    ct <- coef_test(fit, vcov = "CR2", cluster = dd$school_id, test = "Satterthwaite")
    s <- rowsum(residuals(fit), dd$school_id)
    se_naive <- sqrt(sum(s^2) / n^2 * G / (G - 1))
    stopifnot(abs(se_naive - sqrt(vcovCR(fit, cluster = dd$school_id, type = "CR1")[1, 1])) < 1e-12)
    res[[length(res) + 1]] <- data.frame(
      design = nm, estimand = estimand, quantity = q, n = n, n_clusters = G,
      min_cluster = min(table(dd$school_id)), max_cluster = max(table(dd$school_id)),
      estimate = unname(coef(fit)), se_cr2 = ct$SE, df_satterthwaite = ct$df_Satt, p_satterthwaite = ct$p_Satt,
      se_naive = se_naive)
  }
}
res <- do.call(rbind, res)
res$input_md5 <- unname(tools::md5sum(data_file))
write.csv(res, file.path(out_dir, "aipw_cr2_R.csv"), row.names = FALSE)
print(res[, 1:12], digits = 10)
