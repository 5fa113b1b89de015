# Weighted and clustered Kaplan-Meier curves (robust, infinitesimal-jackknife variance) and the IJ SE of
# the RMST, on survival::veteran and survival::lung, with seeded random weights, one weight of 3e9, cluster
# ids and (lung) a left-truncated entry time. R 4.2, survival 3.5:  Rscript km_weighted.R
# Writes km_weighted_data.csv (the data as analysed) and km_weighted_R.csv (one row per curve time).
library(survival)
set.seed(20261202)
v <- veteran[, c("time", "status", "trt")]
names(v)[3] <- "group"
v$dataset <- "veteran"
v$w <- round(runif(nrow(v), 0.2, 3), 6)
v$w_big <- v$w
v$w_big[which(v$status == 0 & v$time > 80)[1]] <- 3e9   # one untrimmed weight, on a censored row
v$cluster <- sample(rep(1:70, length.out = nrow(v)))    # pairs of rows
v$entry <- 0
l <- lung[!is.na(lung$inst), c("time", "status", "sex", "inst")]
names(l) <- c("time", "status", "group", "cluster")
l$status <- l$status - 1
l$dataset <- "lung"
l$w <- round(rlnorm(nrow(l), 0, 0.7), 6)
l$w_big <- l$w
l$w_big[which(l$status == 1 & l$time > 300)[1]] <- 3e9  # on a row with the event
l$entry <- floor(runif(nrow(l), 0, 0.6) * l$time)
cols <- c("dataset", "time", "status", "group", "w", "w_big", "cluster", "entry")
data <- rbind(v[, cols], l[, cols])
write.csv(data, "km_weighted_data.csv", row.names = FALSE)

scenarios <- list(
  list(name = "veteran_w", d = "veteran", w = "w", cl = FALSE, entry = FALSE),
  list(name = "veteran_big", d = "veteran", w = "w_big", cl = FALSE, entry = FALSE),
  list(name = "veteran_cluster", d = "veteran", w = "w", cl = TRUE, entry = FALSE),
  list(name = "veteran_cluster_big", d = "veteran", w = "w_big", cl = TRUE, entry = FALSE),
  list(name = "veteran_cluster_unit", d = "veteran", w = NA, cl = TRUE, entry = FALSE),
  list(name = "lung_big", d = "lung", w = "w_big", cl = FALSE, entry = FALSE),
  list(name = "lung_cluster_big", d = "lung", w = "w_big", cl = TRUE, entry = FALSE),
  list(name = "lung_entry_cluster_big", d = "lung", w = "w_big", cl = TRUE, entry = TRUE),
  list(name = "lung_entry_w", d = "lung", w = "w", cl = FALSE, entry = TRUE))
TAU <- c(veteran = 200, lung = 500)
out <- list(); rm_out <- list()
for (s in scenarios) {
  d <- data[data$dataset == s$d, ]
  d$ww <- if (is.na(s$w)) 1 else d[[s$w]]
  d$id <- seq_len(nrow(d))
  for (g in sort(unique(d$group))) {
    dg <- d[d$group == g, ]
    f <- if (s$entry) {
      if (s$cl) survfit(Surv(entry, time, status) ~ 1, data = dg, weights = ww, cluster = cluster, influence = TRUE)
      else survfit(Surv(entry, time, status) ~ 1, data = dg, weights = ww, id = id, robust = TRUE, influence = TRUE)
    } else {
      if (s$cl) survfit(Surv(time, status) ~ 1, data = dg, weights = ww, cluster = cluster, influence = TRUE)
      else survfit(Surv(time, status) ~ 1, data = dg, weights = ww, robust = TRUE, influence = TRUE)
    }
    sm <- summary(f, censored = TRUE)
    out[[length(out) + 1]] <- data.frame(scenario = s$name, group = g, time = sm$time, n_risk = sm$n.risk,
                                         surv = sm$surv, std_err = sm$std.err, lower = sm$lower, upper = sm$upper)
    tau <- TAU[[s$d]]
    keep <- f$time <= tau
    width <- diff(c(f$time[keep], tau))
    rmst <- min(0, f$time[1]) * 0 + sum(diff(c(0, f$time[keep], tau)) * c(1, f$surv[keep]))
    se <- sqrt(sum((f$influence.surv[, which(keep), drop = FALSE] %*% width)^2))
    rm_out[[length(rm_out) + 1]] <- data.frame(scenario = s$name, group = g, tau = tau, rmst = rmst, se = se)
  }
}
write.csv(do.call(rbind, out), "km_weighted_R.csv", row.names = FALSE)
write.csv(do.call(rbind, rm_out), "km_weighted_rmst_R.csv", row.names = FALSE)
