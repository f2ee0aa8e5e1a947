#ifndef CONVENER_CCURL_SHIM_H
#define CONVENER_CCURL_SHIM_H
#include <curl/curl.h>
#endif
