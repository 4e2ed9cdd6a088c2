/* log.c: starts yder in the configured mode (console on stderr, syslog or journald) at the configured level. */
#include "log.h"
#include <string.h>

int log_init(const char *mode, int level)
{
  static const unsigned long levels[] = {Y_LOG_LEVEL_ERROR, Y_LOG_LEVEL_WARNING, Y_LOG_LEVEL_INFO, Y_LOG_LEVEL_DEBUG};
  unsigned long m = Y_LOG_MODE_CONSOLE;
  if (mode && strcmp(mode, "syslog") == 0) {
    m = Y_LOG_MODE_SYSLOG;
  } else if (mode && strcmp(mode, "journald") == 0) {
    m = Y_LOG_MODE_JOURNALD;
  }
  if (level < 0 || level > 3) {
    level = 2;
  }
  return y_init_logs("portico", m, levels[level], NULL, NULL) ? 0 : -1;
}

void log_close(void)
{
  y_close_logs();
}
