import Foundation
import Vapor
import ZoneOpsDomain

/// `/live`: one WebSocket per page. The page sends `{"subscribe":"incidents"}`; each topic is
/// authorized by the policy for the signed-in user; the answer is `{"subscribed":…}` or
/// `{"error":"forbidden","topic":…}`. Changes arrive as `{"topic":…,"event":"changed"}`.
struct LiveController: RouteCollection {
    struct Command: Decodable { var subscribe: String? }

    func boot(routes: any RoutesBuilder) throws {
        routes.webSocket(SiteURL.desk(.live).components, maxFrameSize: WebSocketMaxFrameSize(integerLiteral: 4096),
                         shouldUpgrade: { req in
                             do {
                                 try Self.admit(req)
                                 return req.eventLoop.makeSucceededFuture([:])
                             } catch {
                                 return req.eventLoop.makeFailedFuture(error)
                             }
                         }, onUpgrade: connect)
    }

    /// Only a signed-in user, and only from a page of this site: another site's page must not ride
    /// the session cookie (cross-site WebSocket hijacking).
    static func admit(_ req: Request) throws {
        guard req.user != nil else { throw AppError.unauthenticated }
        if let origin = req.headers.first(name: .origin),
           URLComponents(string: origin)?.host != req.headers.first(name: .host).flatMap({ URLComponents(string: "http://" + $0)?.host }) {
            throw AppError.forbidden(.denyRole)
        }
    }

    /// Synchronous on purpose, on the connection's event loop: the handlers are in place before
    /// the first frame is read, so a subscription sent right after the handshake is never dropped
    /// (an async upgrade handler runs later, and frames arriving before it were lost under load).
    @Sendable func connect(req: Request, socket: WebSocket) {
        guard let user = req.user else { _ = socket.close(); return }
        let hub = req.application.zoneOps.live
        let id = UUID()
        let role = user.role
        socket.onText { socket, text in
            guard text.utf8.count <= 1024, let command = try? JSONDecoder().decode(Command.self, from: Data(text.utf8)),
                  let name = command.subscribe else { return }
            guard let topic = LiveTopic(name: name) else {
                socket.send(#"{"error":"unknown_topic"}"#)
                return
            }
            guard Policy.allows(role, topic.requiredAction) else {
                socket.send(#"{"error":"forbidden","topic":"\#(topic.name)"}"#)
                return
            }
            hub.subscribe(topic, id: id) { [weak socket] message in socket?.send(message) }
            socket.send(#"{"subscribed":"\#(topic.name)"}"#)
        }
        socket.onClose.whenComplete { _ in hub.unsubscribeAll(id) }
    }
}
