import Plot
import Vapor
import ZoneOpsDomain
import ZoneOpsServices

/// `/rate/{token}`: a caller without an account rates a resolved incident once.
struct RatingController: RouteCollection {
    struct RateForm: Content {
        var rating: LooseText
        var comment: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(SiteURL.desk(.rate(SiteURL.idParameter)).components, use: show)
        routes.post(SiteURL.desk(.rate(SiteURL.idParameter)).components, use: rate)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let token = req.parameters.get("id") ?? ""
        let incident = try await RatingLink.incident(for: token, on: req.db, secrets: req.application.zoneOps.secrets)
        let view = req.view
        guard incident.rating == nil else { return page(req, .p(.text(view.t(.rateUsed))), status: .conflict) }
        return page(req, .group(
            .p(.text(view.format(.rateIntro, incident.number, incident.title))),
            Field.form(SiteURL.desk(.rate(token)).path, csrf: view.csrf,
                       Field.select("rating", label: view.t(.incFieldRating),
                                    options: (1...5).reversed().map { (String($0), String(repeating: "★", count: $0)) }, selected: "5"),
                       Field.textarea("comment", label: view.t(.incFieldComment), rows: 3),
                       Field.submit(view.t(.incActSurvey)))), status: .ok)
    }

    @Sendable func rate(req: Request) async throws -> Response {
        let token = req.parameters.get("id") ?? ""
        let form = try req.content.decode(RateForm.self)
        guard let rating = Int(form.rating.text.trimmingCharacters(in: .whitespaces)) else {
            throw AppError.invalid(field: "rating", .incidentRatingRange)
        }
        do {
            _ = try await RatingLink.rate(token, rating: rating, comment: form.comment, address: req.clientAddress, in: req.services)
        } catch let error as AppError where error.status == 409 {
            return page(req, .p(.text(req.t(.rateUsed))), status: .conflict)
        }
        return page(req, .p(.text(req.t(.rateThanks))), status: .ok)
    }

    private func page(_ req: Request, _ content: Node<HTML.BodyContext>, status: HTTPResponseStatus) -> Response {
        let response = Page.render(.section(.class("card narrow"), .h1(.text(req.t(.rateTitle))), content), title: req.t(.rateTitle), request: req)
        response.status = status
        return response
    }
}
