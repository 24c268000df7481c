/*
 * water.h — the quality of a body of water, as physics hands it to the instruments.
 * Plain data. Concentrations in mg/L, temperature in degC, conductivity in uS/cm.
 */
#ifndef WATER_H
#define WATER_H

typedef struct water {
    double cod;  /* chemical oxygen demand (dichromate), mg/L */
    double toc;  /* total organic carbon, mg/L */
    double nh3n; /* ammonia nitrogen, mg/L */
    double tp;   /* total phosphorus, mg/L */
    double tn;   /* total nitrogen, mg/L */
    double ph;   /* pH (mixing is done on [H+]/[OH-], not on pH) */
    double temp; /* degC */
    double cond; /* uS/cm */
} water;

#endif
