# Reference values for ekc.compare / ekc.power on data/sample/trial.csv.
# Run from tests/reference:  Rscript trial.R   (writes trial_R.csv)
# R >= 4.2 with the recommended stats package and sandwich.
d <- read.csv("../../data/sample/trial.csv")
d$arm <- as.integer(d$group == "fgc")
out <- list()
put <- function(name, value) out[[name]] <<- value
put("input_md5", unname(tools::md5sum("../../data/sample/trial.csv")))

# binary outcome: crude and adjusted logistic regression, Wald intervals (confint.default)
m <- glm(ots_extension ~ arm, family = binomial, data = d)
ci <- exp(confint.default(m)["arm", ])
put("or", exp(coef(m)[["arm"]])); put("or_low", ci[[1]]); put("or_high", ci[[2]])
put("or_p", summary(m)$coefficients["arm", "Pr(>|z|)"])
ma <- glm(ots_extension ~ arm + age + prior_reports, family = binomial, data = d)
ci <- exp(confint.default(ma)["arm", ])
put("aor", exp(coef(ma)[["arm"]])); put("aor_low", ci[[1]]); put("aor_high", ci[[2]])
put("aor_p", summary(ma)$coefficients["arm", "Pr(>|z|)"])
# moderator: glm(y ~ arm * non_western)
mi <- glm(ots_extension ~ arm * non_western, family = binomial, data = d)
ci <- exp(confint.default(mi)["arm:non_western", ])
put("int_ror", exp(coef(mi)[["arm:non_western"]])); put("int_low", ci[[1]]); put("int_high", ci[[2]])
put("int_p", summary(mi)$coefficients["arm:non_western", "Pr(>|z|)"])
# risk difference test: prop.test without continuity correction
tab <- table(factor(d$arm, levels = c(1, 0)), factor(d$ots_extension, levels = c(1, 0)))
put("rd_p", prop.test(tab, correct = FALSE)$p.value)

# continuous outcome: Welch t-test and ANCOVA
tt <- t.test(safety_12 ~ factor(arm, levels = c(1, 0)), data = d)
put("md", unname(tt$estimate[1] - tt$estimate[2])); put("md_low", tt$conf.int[1]); put("md_high", tt$conf.int[2])
put("md_p", tt$p.value)
la <- lm(safety_12 ~ arm + safety_0, data = d)
ci <- confint(la)["arm", ]
put("amd", coef(la)[["arm"]]); put("amd_low", ci[[1]]); put("amd_high", ci[[2]])
put("amd_p", summary(la)$coefficients["arm", "Pr(>|t|)"])
lmi <- lm(safety_12 ~ arm * non_western, data = d)
put("lm_int", coef(lmi)[["arm:non_western"]]); put("lm_int_p", summary(lmi)$coefficients["arm:non_western", "Pr(>|t|)"])

# ANCOVA and moderator with HC2 errors, compare()'s default: lmtest::coeftest(la, vcov = vcovHC(la, "HC2"))
vh <- sandwich::vcovHC(la, type = "HC2"); se <- sqrt(vh["arm", "arm"]); q <- qt(0.975, df.residual(la))
put("amd_hc2_low", coef(la)[["arm"]] - q * se); put("amd_hc2_high", coef(la)[["arm"]] + q * se)
put("amd_hc2_p", 2 * pt(-abs(coef(la)[["arm"]] / se), df.residual(la)))
vh <- sandwich::vcovHC(lmi, type = "HC2")
put("lm_int_hc2_p", 2 * pt(-abs(coef(lmi)[["arm:non_western"]] / sqrt(vh["arm:non_western", "arm:non_western"])),
                           df.residual(lmi)))

# power
put("n_prop", power.prop.test(p1 = 0.30, p2 = 0.45, power = 0.8)$n)
put("n_t", power.t.test(delta = 0.4, sd = 1, power = 0.8)$n)
put("delta_t", power.t.test(n = 150, sd = 1, power = 0.8)$delta)
put("p2_prop", power.prop.test(n = 150, p1 = 0.30, power = 0.8)$p2)

res <- data.frame(name = names(out), value = vapply(out, function(v) format(v, digits = 15), ""))
write.csv(res, "trial_R.csv", row.names = FALSE, quote = FALSE)
print(res)
