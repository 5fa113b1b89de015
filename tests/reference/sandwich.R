# Reference values for ekc_analysis.stats._sandwich (HC2, CR2, t on G-1 df, ICC) and compare(cluster=).
# Run from tests/reference:  Rscript sandwich.R   (reads sandwich_data.csv, writes sandwich_R.csv)
# Needs the sandwich, clubSandwich and AER packages (Debian: r-cran-sandwich, r-cran-clubsandwich, r-cran-aer).
suppressMessages({library(sandwich); library(clubSandwich)})
d <- read.csv("sandwich_data.csv")
out <- list()
put <- function(name, value) out[[name]] <<- value
put("input_md5", unname(tools::md5sum("sandwich_data.csv")))
tight <- glm.control(epsilon = 1e-14, maxit = 100)  # converge fully, so 1e-6 agreement is about the SEs
G <- length(unique(d$family))
put("n_clusters", G)

models <- list(
  lm_c = lm(yc ~ arm, data = d),
  lm_cx = lm(yc ~ arm + x, data = d),
  lpm = lm(yb ~ arm, data = d),
  logit = glm(yb ~ arm, family = binomial, data = d, control = tight),
  logit_x = glm(yb ~ arm + x, family = binomial, data = d, control = tight),
  pois = glm(yb ~ arm, family = poisson, data = d, control = tight),
  pois_x = glm(yb ~ arm + x, family = poisson, data = d, control = tight)
)
for (name in names(models)) {
  m <- models[[name]]
  b <- coef(m)
  vh <- vcovHC(m, type = "HC2")
  vc <- vcovCR(m, cluster = d$family, type = "CR2")
  ct <- coef_test(m, vcov = vc, test = "naive-t")
  q <- qt(0.975, G - 1)
  for (k in names(b)) {
    key <- paste0(name, "_", ifelse(k == "(Intercept)", "const", k))
    put(paste0(key, "_coef"), b[[k]])
    put(paste0(key, "_hc2_se"), sqrt(vh[k, k]))
    put(paste0(key, "_cr2_se"), sqrt(vc[k, k]))
    put(paste0(key, "_cr2_p"), ct[k, "p_t"])
    put(paste0(key, "_cr2_low"), b[[k]] - q * sqrt(vc[k, k]))
    put(paste0(key, "_cr2_high"), b[[k]] + q * sqrt(vc[k, k]))
  }
  put(paste0(name, "_cr2_cov_const_arm"), vc["(Intercept)", "arm"])
  # HC2 test as lmtest::coeftest(m, vcov = vh): t on n - p for lm, z for glm
  z <- b[["arm"]] / sqrt(vh["arm", "arm"])
  put(paste0(name, "_arm_hc2_p"),
      if (inherits(m, "glm")) 2 * pnorm(-abs(z)) else 2 * pt(-abs(z), df.residual(m)))
}

# g-computation risk difference from logit_x, delta method with the CR2 and the HC2 covariance
m <- models$logit_x
X1 <- model.matrix(m); X1[, "arm"] <- 1
X0 <- model.matrix(m); X0[, "arm"] <- 0
p1 <- plogis(X1 %*% coef(m)); p0 <- plogis(X0 %*% coef(m))
grad <- colMeans(X1 * as.vector(p1 * (1 - p1))) - colMeans(X0 * as.vector(p0 * (1 - p0)))
put("gcomp_rd", mean(p1) - mean(p0))
put("gcomp_rd_cr2_se", sqrt(drop(grad %*% vcovCR(m, cluster = d$family, type = "CR2") %*% grad)))
put("gcomp_rd_hc2_se", sqrt(drop(grad %*% vcovHC(m, type = "HC2") %*% grad)))

# ICC: one-way ANOVA with families nested in arms (sequential SS: arm, then family within arm)
icc <- function(y) {
  a <- anova(lm(y ~ factor(d$arm) + factor(d$family)))
  msb <- a[2, "Mean Sq"]; msw <- a[3, "Mean Sq"]
  nj <- table(d$family); arm_j <- tapply(d$arm, d$family, function(v) v[1])
  N <- nrow(d); S <- 2
  n0 <- (N - sum(tapply(as.numeric(nj)^2, arm_j, sum) / as.numeric(table(d$arm)))) / (G - S)
  (msb - msw) / (msb + (n0 - 1) * msw)
}
put("icc_yc", icc(d$yc)); put("icc_yb", icc(d$yb))

# complier average causal effect with a family-clustered CR1 SE: held = conference held (FGC arm only)
d$held <- d$arm * as.integer(d$family %% 3 != 0)
iv <- AER::ivreg(yc ~ held | arm, data = d)
vi <- vcovCL(iv, cluster = ~family, type = "HC1")
put("cace_coef", coef(iv)[["held"]]); put("cace_cr1_se", sqrt(vi["held", "held"]))
put("cace_cr1_p", 2 * pt(-abs(coef(iv)[["held"]] / sqrt(vi["held", "held"])), G - 1))
# ... and with CR2 (what compare(..., compliance=, cluster=) uses, as every other clustered estimate):
# clubSandwich's vcovCR for AER::ivreg (projected design, structural residuals), coef_test naive-t on G - 1
for (y in c("yc", "yb")) {
  ivy <- AER::ivreg(as.formula(paste(y, "~ held | arm")), data = d)
  ct <- coef_test(ivy, vcov = "CR2", cluster = d$family, test = "naive-t")
  put(paste0("cace_cr2_coef_", y), coef(ivy)[["held"]])
  put(paste0("cace_cr2_se_", y), ct$SE[2]); put(paste0("cace_cr2_p_", y), ct$p_t[2])
}

res <- data.frame(name = names(out), value = vapply(out, function(v) format(v, digits = 15), ""))
write.csv(res, "sandwich_R.csv", row.names = FALSE, quote = FALSE)
print(res)
