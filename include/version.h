/* version.h — the version signlog prints (--version) and writes into its HTML reports. */
#ifndef SL_VERSION_H
#define SL_VERSION_H
#define SL_VERSION "0.1.0"
#endif
