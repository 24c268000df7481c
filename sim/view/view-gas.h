/*
 * view-gas.h — the CEMS room of the view core (private to sim/view): what the model shows
 * of a flue-gas or VOCs station (GAS.md) as its simulated hardware stands, the panels of
 * its instruments, and the inspector's acts there. The caller (view.c) holds the session's
 * lock around every call that takes a station.
 * Dependencies: station.h (world), the gas devices of hw-models, view.h.
 */
#ifndef VIEW_GAS_H
#define VIEW_GAS_H

#include "station.h"
#include "view.h"

/* The room of station st into m->gas; the panel's lines when a CEMS panel is open. */
void view_gas_read(const view *v, view_model *m, station *st);
/* The inspector's acts on station st at m->now (their findings into m->gas, m->portables). */
void view_gas_inspect_line(view_model *m, station *st);
void view_gas_check_probe(view_model *m, station *st);
void view_gas_cylinders(const view *v, view_model *m, station *st);
void view_gas_portable(view_model *m, station *st);
/* Whether station index i of the model is a gas or VOCs station. */
int view_gas_station(const view_model *m, int i);

#endif
