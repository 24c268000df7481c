/* cfgerr.c — the English texts of cfgerr.h's reasons. */
#include "cfgerr.h"

static const char *const EN[CFGERR__COUNT] = {
    [CFGERR_OK] = "",
#define CFGERR_EN(id, en, zh) [W##id] = en,
    WORLD_CFG_ERRORS(CFGERR_EN)
#undef CFGERR_EN
};

const char *cfgerr_en(cfgerr e)
{
    return (int)e >= 0 && e < CFGERR__COUNT ? EN[e] : "";
}
