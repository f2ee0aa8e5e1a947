import Hummingbird
import NIOCore

/// Answers every failure as `{"error": {"message": …}}`, so clients and the playground page can show why.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            guard error.body == nil else { throw error }
            throw HTTPError(error.status, headers: error.headers, message: error.status.reasonPhrase)
        } catch is NIOTooManyBytesError {
            throw HTTPError(
                .contentTooLarge,
                message: "The request body is larger than \(ConvenerRequestContext.maximumBodySize) bytes."
            )
        }
    }
}
