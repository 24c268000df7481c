/* hwtest.h — helpers shared by the hw-models tests (cmocka). */
#ifndef HWTEST_H
#define HWTEST_H

#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "hjtime.h"
#include "hwreg.h"

/* UTC seconds of a China local (UTC+8) date-time. */
static inline double cst(int y, int mo, int d, int h, int mi, int s)
{
    return (double)(hjtime_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s -
                    HJTIME_TZ_S);
}

#define assert_near(a, b, tol)                                                                     \
    do {                                                                                           \
        double a_ = (a), b_ = (b);                                                                 \
        if (!(fabs(a_ - b_) <= (tol)))                                                             \
            fail_msg("%s = %.12g, expected %.12g (tol %g)", #a, a_, b_, (double)(tol));            \
    } while (0)

#define assert_rel(a, b, rel) assert_near(a, b, fabs((double)(b)) * (rel))

#endif
