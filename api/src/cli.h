/* cli.h: the `portico` subcommands (DESIGN §3). */
#ifndef PORTICO_CLI_H
#define PORTICO_CLI_H

int cli_main(int argc, char **argv);

#endif
