# Reference values for ekc.propensity_weights with three groups: multinomial logit propensities
# (nnet::multinom, converged tightly) and ATE weights 1 / p_group (stabilised by the group's share) on the
# package's synthetic WODC sample. Run from tests/reference:  Rscript propensity_multi.R
# Debian packages: r-base-core (nnet is a recommended package).
suppressMessages(library(nnet))
w <- read.csv("../../ekc_analysis/intake/sample/wodc.csv")
w$group <- factor(w$group, levels = c("cau", "held", "not_held"))
m <- multinom(group ~ age + prior_reports + non_western + safety_0, data = w, reltol = 1e-14, maxit = 1000,
              trace = FALSE)
p <- fitted(m)
own <- p[cbind(seq_len(nrow(w)), as.integer(w$group))]
share <- as.numeric(table(w$group)[as.integer(w$group)]) / nrow(w)
wt <- share / own
ess <- tapply(wt, w$group, function(x) sum(x)^2 / sum(x^2))
# pairwise SMD of age, weighted, with the pooled SD of the unweighted pair (held vs cau)
a <- w$group == "cau"; b <- w$group == "held"
sd_ab <- sqrt((var(w$age[a]) + var(w$age[b])) / 2)
smd_w <- (weighted.mean(w$age[a], wt[a]) - weighted.mean(w$age[b], wt[b])) / sd_ab
out <- data.frame(name = c("md5", "p_held_1", "p_not_held_1", "w_1", "w_2", "w_sum", "w_max", "ess_cau", "ess_held",
                           "ess_not_held", "smd_age_cau_held_weighted"),
                  value = c(unname(tools::md5sum("../../ekc_analysis/intake/sample/wodc.csv")), p[1, "held"],
                            p[1, "not_held"], wt[1], wt[2], sum(wt), max(wt), ess, smd_w))
out$value <- vapply(out$value, function(v) format(v, digits = 15), "")
write.csv(out, "propensity_multi_R.csv", row.names = FALSE, quote = FALSE)
print(out)
