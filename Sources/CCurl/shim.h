#ifndef CONVENER_CCURL_SHIM_H
#define CONVENER_CCURL_SHIM_H
#include <curl/curl.h>

/* Swift cannot call C variadic functions: these fix the one argument each option takes. */
static inline CURLcode convener_curl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode convener_curl_easy_setopt_pointer(CURL *handle, CURLoption option, const void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode convener_curl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLMcode convener_curl_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}

#endif
