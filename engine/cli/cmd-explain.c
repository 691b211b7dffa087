#include "cli.h"
int cmd_explain(int argc, char **argv, GError **error) { (void) argc; (void) argv; (void) error; return 2; }
