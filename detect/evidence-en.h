/*
 * evidence-en.h — the detection rules' texts in English, X(id, text): the evidence lines
 * of their hits and context signals, and the words those are made of (the names of
 * analyzers, parameters, flags, cameras). evidence-zh.h has the same ids in Chinese. A
 * text with printf conversions takes arguments of the same number and kinds in both
 * languages, each in its own order: a call site passes each language its own list
 * (evidence.h). The texts are those the alerts have always carried: a contract (tests
 * and trainees compare them).
 */
#ifndef EVIDENCE_EN_H
#define EVIDENCE_EN_H

#define EVIDENCE_EN(X)                                                                             \
    /* what a flag means */                                                                        \
    X(EV_FLAG_M, "maintenance")                                                                    \
    X(EV_FLAG_D, "fault")                                                                          \
    X(EV_FLAG_C, "calibration")                                                                    \
    /* cameras */                                                                                  \
    X(EV_CAMERA_STATION, "station-room camera")                                                    \
    X(EV_CAMERA_OUTFALL, "outfall camera")                                                         \
    /* pieces of longer lines */                                                                   \
    X(EV_LIST_SEPARATOR, ", ")                                                                     \
    X(EV_AND_CHANNEL_UNCHANGED, " and the channel's conductivity is unchanged")                    \
    X(EV_WHILE_CHANNEL_UNCHANGED, " while the channel's conductivity is unchanged")                \
    X(EV_AFTER_EXCEEDANCE, ", right after an over-limit value")                                    \
    X(EV_RUNNING_STATE_OFF, ", running state off")                                                 \
    X(EV_CAMERA_SAW_NOTHING, "; the outfall camera saw nothing come")                              \
    /* one analyzer (rule-analyzer.c) */                                                           \
    X(EV_SUDDEN_DROP, "%s %s → %s %s (%+.0f%%) in one cycle%s")                                    \
    X(EV_REBOUND, "%s back to %s %s at %s")                                                        \
    X(EV_EXTRA_MEASUREMENT, "extra %s measurement at %s, off its %lld-min schedule (previous %s)") \
    X(EV_FROZEN_VALUE, "%s identical %s %s for %d cycles since %s")                                \
    X(EV_ANALYZER_STOPPED,                                                                         \
      "%s analyzer stopped (flag F) with its last value %s %s from %s standing for %.1f h; "       \
      "no work order")                                                                             \
    X(EV_SAMPLETIME_STALLED, "%s sample time stuck at %s for %.1f h while data keeps coming")      \
    X(EV_FLAT,                                                                                     \
      "%s flat at %s %s since %s (variation %.1f%% vs normal %.1f%%), no longer following "        \
      "flow or the daily pattern")                                                                 \
    X(EV_BUNCHING,                                                                                 \
      "%s: %d of the last %d values within %.0f%% under the limit %s, none over, spread "          \
      "%.1f%% (usually %.1f%%)")                                                                   \
    /* the analyzers and the channel (rule-channel.c) */                                           \
    X(EV_DECOUPLED_STEP,                                                                           \
      "%s stepped %s → %s %s (%+.0f%%) at %s and stayed for %d cycles while the other "          \
      "analyzers held (%s)%s: the value is not what the water shows")                              \
    X(EV_COMMON_STEP_FLAT,                                                                         \
      "all analyzers stepped down together at %s (%s) and sit flat since (variation %.1f%% "       \
      "vs %.1f%% before)%s: the analyzers are not sampling the channel")                           \
    X(EV_COMMON_STEP_SCALED,                                                                       \
      "all analyzers stepped down together at %s by the same factor (%.0f%%: %s) and still "       \
      "vary as before%s: rewritten values")                                                        \
    X(EV_TAP_LEVEL, "analyzers read tap-water levels at %s (%s)%s")                                \
    X(EV_SAMPLE_NOT_CHANNEL,                                                                       \
      "analyzers fell %.0f%% at %s (%s) while the channel's conductivity is unchanged: the "       \
      "sample is not the channel's water")                                                         \
    X(EV_PROPORTIONAL_FALL, "all parameters fell by the same factor (%.0f%%) since %s: %s")        \
    X(EV_TOWARD_TAP, "conductivity %s → %s uS/cm, %.0f%% of the way to tap water (%.0f), pH %.2f") \
    X(EV_FLOW_RISE, "flow up %s → %s L/s without more production")                                 \
    X(EV_INFLOW,                                                                                   \
      "at %s the flow rose %s → %s L/s and the conductivity fell %s → %s uS/cm in the same "   \
      "minutes: about %.0f%% of water like tap water (%.0f uS/cm) let in at the sampling point%s") \
    X(EV_INFLOW_UNMETERED,                                                                         \
      "at %s the conductivity stepped %s → %s uS/cm, about %.0f%% of water like tap water "      \
      "(%.0f uS/cm) let in at the sampling point, while the metered flow held at %s L/s (the "     \
      "meter does not see it)%s")                                                                  \
    /* flow (rule-flow.c) */                                                                       \
    X(EV_FLOW_DEFICIT,                                                                             \
      "flow %s L/s vs %s L/s expected from production current %s A since %s (%lld min)")           \
    X(EV_FLOW_STEP,                                                                                \
      "flow stepped %s → %s L/s at %s while production current held at %s A; 30 min later "      \
      "%s L/s, %+.0f%% against its level before")                                                  \
    X(EV_NIGHT_FLOW, "night flow %s L/s since %s, %.1f× its usual %s L/s at this hour")            \
    X(EV_TOTALIZER, "hour %s: totalizer %s m3 vs mean flow × 1 h = %s m3")                         \
    X(EV_FLOW_BACK, "flow back %s → %s L/s at %s after it fell %s → %s L/s at %s%s")               \
    X(EV_FLOW_BY_FACTOR,                                                                           \
      ": each change in proportion to the flow of its time, a factor (the meter scaled)")          \
    X(EV_FLOW_BY_AMOUNT, ": the same amount at different flows (water taken out: an outlet)")      \
    /* treatment (rule-treatment.c) */                                                             \
    X(EV_TREATMENT_STATE_OFF,                                                                      \
      "treatment meter %s at %s A with its running state off while production draws %s A, "        \
      "since %s (%lld min)")                                                                       \
    X(EV_TREATMENT_OFF,                                                                            \
      "treatment meter %s at %s A (normal %s A) while production draws %s A, since %s "            \
      "(%lld min)%s")                                                                              \
    X(EV_TREATMENT_CUT,                                                                            \
      "treatment meter %s stepped %s → %s A (%+.0f%%) at %s while production (%s A) and the "    \
      "flow held: treatment cut to part load (%lld min)")                                          \
    X(EV_CONC_RISE, "%s rising %s → %s %s with treatment off")                                     \
    X(EV_OVER_RANGE, "%s over the analyzer's range (flag T) at %s with treatment off")             \
    /* flags (rule-flags.c) */                                                                     \
    X(EV_FLAG_AFTER_EXCEED,                                                                        \
      "%s flagged %c (%s) at %s, %lld min after %s %s over the limit %s at %s; no work "           \
      "order")                                                                                     \
    X(EV_FLAG_OVER_LIMIT,                                                                          \
      "%s flagged %c (%s) since %s while reading %s %s over the limit %s at %s; no work "          \
      "order")                                                                                     \
    X(EV_FLAG_FAULT_LASTING, "%s flagged %c (%s) since %s for %lld min with no work order")        \
    X(EV_FLAG_WITHOUT_ORDER, "%s flagged %c (%s) at %s with no work order")                        \
    X(EV_FLAG_FAULT_MEASURING,                                                                     \
      "%s flagged %c (%s) since %s with no work order while the analyzer measured %d time(s) "     \
      "on its schedule and reported itself well: the flag is not the analyzer's")                \
    /* gaps and outages (rule-gaps.c) */                                                           \
    X(EV_GAP_NEAR_LIMIT,                                                                           \
      "no data %s–%s (%.1f h), not backfilled; %s %s %s next to the gap (limit %s)")               \
    X(EV_GAP, "no data %s–%s (%.1f h), not backfilled")                                            \
    X(EV_OUTAGE_NEAR_LIMIT, "link down %s–%s (%.1f h), backfilled late; %s %s %s around it")       \
    X(EV_OUTAGE, "link down %s–%s (%.1f h), backfilled late")                                      \
    X(EV_SILENCE, "the station has sent nothing since %s (%lld min): silent")                      \
    /* a red that waited for a work order (engine.c) */                                            \
    X(EV_NO_ORDER_FILED, "no work order filed for %s–%s by %s (%lld h after)")                     \
    /* cameras and the door (rule-camera-door.c) */                                                \
    X(EV_CAMERA_MOVED, "%s turned %.0f° off its preset at %s")                                     \
    X(EV_PERSON_SEEN, "%s sees %.0f person(s) at %s")                                              \
    X(EV_VIDEO_LOSS, "%s video lost at %s")                                                        \
    X(EV_CAMERA_COVERED, "%s covered at %s")                                                       \
    X(EV_SCENE_CHANGE, "%s scene changed (score %.2f) at %s")                                      \
    X(EV_DOOR_FORCED, "door forced open %s")                                                       \
    X(EV_DOOR_CARD, "door opened %s card %04lu")                                                   \
    X(EV_DOOR_OPENED, "door opened %s")                                                            \
    /* parameters, calibration, lab results (rule-params.c) */                                     \
    X(EV_PARAM_CHANGE, "%s %s changed %s → %s (3020 %s, registered %s) at %s; no work order")      \
    X(EV_CALIBRATION_SET,                                                                          \
      "%s %s set %s → %s (3020 %s) by a calibration at %s without a work order")                   \
    X(EV_CALIBRATION_SHIFT, "%s level %s → %s %s (%+.0f%%) after the calibration at %s")           \
    X(EV_CALIBRATION_EFFECT,                                                                       \
      "%s calibration at %s set the %s %s → %s (3020 %s): readings %+.0f%% from then on, more "  \
      "than a calibration on a true standard moves them")                                          \
    X(EV_LEVEL_SHIFT, "%s level %s → %s %s (%+.0f%%) after the change at %s")                      \
    X(EV_LAB_MISMATCH, "lab %s %s %s at %s vs analyzer %s (%+.0f%%)")                         \
    X(EV_TOC_MISMATCH,                                                                             \
      "COD %s mg/L sent for the measurement of %s, while the TOC analyzer's own TOC %s mg/L "    \
      "gives %s mg/L (COD = %s x TOC): %+.0f%%, %d measurement(s) running")                        \
    /* gas and VOCs stations (rule-gas*.c) */                                                    \
    X(EV_GAS_F_RUNNING,                                                                            \
      "flagged F (plant stopped) since %s (%lld min) while the fan draws %s A (running: %s A) "    \
      "and the flue carries %s m3/h: the plant runs")                                              \
    X(EV_GAS_FLAG_EXCEED,                                                                          \
      "gases flagged %c (%s) at %s for %lld min, off the daily calibration, right after %s read "  \
      "%s mg/m3 over the limit %s at %s; no work order")                                           \
    X(EV_GAS_FLAG_LONG,                                                                            \
      "gases flagged %c (%s) since %s for %lld min, beyond the daily calibration and blowback; "   \
      "no work order")                                                                             \
    X(EV_GAS_FROZEN, "%s identical %s %s since %s for %d valid minutes")                           \
    X(EV_GAS_PARAM, "%s analyzer: %s changed %s → %s (3020 %s) at %s without a calibration or "  \
      "a work order")                                                                              \
    X(EV_GAS_DILUTION,                                                                             \
      "since %s every extracted gas fell by about %.0f%% together (%s) while the fan current "     \
      "held at %s A and the flow held; O2 %s %%: air drawn into the sample")                       \
    X(EV_VOCS_FALL,                                                                                \
      "since %s NMHC and THC fell by about %.0f%% together (%s) while the fan current held at %s " \
      "A and the flow held (O2 %s): clean or ambient air in the NMHC sample")                      \
    X(EV_GAS_CO2_FIT, "; CO2 %+.0f%% where a true O2 fall means %+.0f%%")                          \
    X(EV_GAS_O2_LOW,                                                                               \
      "since %s O2 %s → %s %% at the same fan current (%s A) and flow: converted values %+.0f%%" \
      "%s")                                                                                        \
    X(EV_GAS_LINE_TEMP,                                                                            \
      "sampling system out of its band at %s: heated line %s °C (120–180), chiller %s °C")        \
    X(EV_GAS_SO2_SPLIT,                                                                            \
      "%s %s → %s mg/m3 (%+.0f%%) since %s while %s held (%s → %s) with the line out of its "    \
      "band: SO2 lost in condensate")                                                              \
    X(EV_GAS_ALONE,                                                                                \
      "%s %s → %s mg/m3 (%+.0f%%) since %s while %s held (%s → %s), the fan and the line "       \
      "unchanged, no calibration: the value is not what the stack shows")                          \
    X(EV_GAS_PARAM_LEVEL,                                                                          \
      "%s %s → %s mg/m3 (%+.0f%%) since %s after its parameters changed, while %s held (%s → "    \
      "%s)")                                                                                       \
    X(EV_GAS_SPAN_STEP,                                                                            \
      "%s level %s → %s mg/m3 after the calibration at %s: %+.0f%% against the gas not "         \
      "calibrated with it")                                                                        \
    X(EV_GAS_SPAN_SLOPE, "%s calibration at %s set the slope %s → %s (%+.0f%%)")                  \
    X(EV_GAS_FLOW,                                                                                 \
      "since %s flue-gas flow %s → %s m3/h (%+.0f%%), velocity %s → %s m/s, while the fan "     \
      "current held at %s A")                                                                      \
    X(EV_GAS_RTO,                                                                                  \
      "since %s NMHC %s → %s mg/m3 while the fan (%s A) and the flow held and the RTO still "    \
      "draws %s A: the chamber cooled or bypassed")                                              \
    X(EV_GAS_FLAG_DAU,                                                                             \
      "%s flagged %c (%s) since %s for %lld min while %s: the flag is not the analyzer's; no "    \
      "work order")                                                                                \
    X(EV_GAS_FLAG_DAU_EXCEED,                                                                      \
      "%s flagged %c (%s) at %s for %lld min while %s, right after %s read %s mg/m3 over the "    \
      "limit %s at %s: the flag is not the analyzer's; no work order")                             \
    X(EV_GAS_WHY_MEASURING, "its analyzer reported measuring (3020 i12001 = 0)")                   \
    X(EV_GAS_WHY_PARTS, "the analyzer's other outputs of the same minutes were not flagged")       \
    X(EV_GAS_FLAG_REPEAT,                                                                          \
      "%d calibration or blowback sequences (flags %c) since %s, the newest at %s: the schedule "  \
      "runs one calibration a day and a blowback every few hours; no work order")                  \
    X(EV_GAS_SUM,                                                                                  \
      "%s sent %s mg/m3 since %s while the analyzer's own %s give %s mg/m3 (%+.0f%%), %d valid "  \
      "minute(s) running: the value was changed after the analyzer")

#endif
