/* log.h: the logging facade over yder. Never pass a token, secret, card number or IBAN to these. */
#ifndef PORTICO_LOG_H
#define PORTICO_LOG_H
#include <yder.h>

int log_init(const char *mode, int level);
void log_close(void);
#define log_error(...) y_log_message(Y_LOG_LEVEL_ERROR, __VA_ARGS__)
#define log_warning(...) y_log_message(Y_LOG_LEVEL_WARNING, __VA_ARGS__)
#define log_info(...) y_log_message(Y_LOG_LEVEL_INFO, __VA_ARGS__)
#define log_debug(...) y_log_message(Y_LOG_LEVEL_DEBUG, __VA_ARGS__)

#endif
