import CCurl

/// libcurl's variadic setters and getters, bound through fixed C function types.
///
/// Swift cannot call C variadic functions, so `CCurl/shim.h` wraps each with the one argument an option takes
/// (a `long`, a pointer or a `curl_off_t`).
struct CurlBindings: @unchecked Sendable {
    /// `curl_easy_setopt(CURL *, CURLoption, long)`.
    typealias EasySetLong = @convention(c) (UnsafeMutableRawPointer?, CURLoption, Int) -> CURLcode
    /// `curl_easy_setopt(CURL *, CURLoption, void *)`.
    typealias EasySetPointer = @convention(c) (UnsafeMutableRawPointer?, CURLoption, UnsafeRawPointer?) -> CURLcode
    /// `curl_easy_getinfo(CURL *, CURLINFO, void *)`.
    typealias EasyGetInfo = @convention(c) (UnsafeMutableRawPointer?, CURLINFO, UnsafeMutableRawPointer?) -> CURLcode
    /// `curl_multi_setopt(CURLM *, CURLMoption, long)`.
    typealias MultiSetLong = @convention(c) (UnsafeMutableRawPointer?, CURLMoption, Int) -> CURLMcode

    /// `curl_easy_setopt` for `long` and `curl_off_t` options.
    let easySetLong: EasySetLong
    /// `curl_easy_setopt` for pointer options (strings, lists, callbacks, user data).
    let easySetPointer: EasySetPointer
    /// `curl_easy_getinfo` with a pointer to the result.
    let easyGetInfo: EasyGetInfo
    /// `curl_multi_setopt` for `long` options.
    let multiSetLong: MultiSetLong

    /// The bindings, or `nil` when libcurl cannot be initialised; libcurl is initialised on first use.
    static let shared: CurlBindings? = {
        // curl_global_init is not thread-safe; a static initialiser runs exactly once.
        guard curl_global_init(Int(CURL_GLOBAL_SSL | CURL_GLOBAL_WIN32)) == CURLE_OK else { return nil }
        return CurlBindings(
            easySetLong: convener_curl_easy_setopt_long,
            easySetPointer: convener_curl_easy_setopt_pointer,
            easyGetInfo: convener_curl_easy_getinfo_pointer,
            multiSetLong: convener_curl_multi_setopt_long)
    }()
}
