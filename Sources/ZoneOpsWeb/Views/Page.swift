import Foundation
import Plot
import Vapor
import ZoneOpsDomain

/// The shell every page renders into: head, top bar, navigation by role, flash, language switch.
enum Page {
    static func render(_ content: Node<HTML.BodyContext>, title: String, request: Request) -> Response {
        let language = request.language
        let html = HTML(
            .attribute(named: "lang", value: language.rawValue),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1, viewport-fit=cover")),
                .meta(.name("theme-color"), .content("#0b5394")),
                .element(named: "title", text: "\(title) · \(request.t(.appShortName))"),
                .link(.rel(.stylesheet), .href("/app.css")),
                .link(.rel(.manifest), .href("/manifest.webmanifest")),
                .link(.rel(.icon), .href("/icon.svg")),
                .element(named: "script", nodes: [.attr("src", "/app.js"), .attribute(named: "defer", value: "defer")])
            ),
            .body(
                .header(.class("topbar"),
                        .if(request.user != nil, .element(named: "button", nodes: [
                            .attr("class", "menu-toggle"), .attr("type", "button"),
                            .attr("aria-controls", "nav"), .attr("aria-expanded", "false"), .text("☰ " + request.t(.menu)),
                        ])),
                        .link(SiteURL.home.path, request.t(.appName), class: "brand"),
                        .unwrap(request.user) { user in
                            .div(.class("who"), .link(SiteURL.profile.path, user.identity.displayName),
                                 .span(.class("role"), .text(request.t(user.role.label))),
                                 Field.form(SiteURL.logout.path, csrf: request.csrfToken,
                                            Field.submit(request.t(.logout), style: "link")))
                        }),
                .div(.class("layout"),
                     .if(request.user != nil, navigation(request)),
                     .element(named: "main", nodes: [
                         .attr("id", "main"),
                         flash(request),
                         content,
                     ])),
                .footer(.class("footer"), languageSwitch(request, current: language))
            )
        )
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.add(name: "Content-Security-Policy",
                    value: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'")
        headers.add(name: "X-Content-Type-Options", value: "nosniff")
        headers.add(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: html.render()))
    }

    static func navigation(_ request: Request) -> Node<HTML.BodyContext> {
        let path = request.url.path
        func item(_ url: SiteURL, _ label: TextKey) -> Node<HTML.ListContext> {
            let current = url.path == "/" ? path == "/" : path.hasPrefix(url.path)
            let link: Node<HTML.BodyContext> = .element(named: "a", nodes: [
                .attr("href", url.path), current ? .attr("aria-current", "page") : .empty, .text(request.t(label)),
            ])
            return .li(link)
        }
        let areas = Area.allCases.filter { request.can($0.requiredAction) }
        var admin: [Node<HTML.ListContext>] = []
        if request.can(.manageUsers) { admin.append(item(.users, .navUsers)) }
        if request.can(.manageOrganizations) { admin.append(item(.organizations, .navOrganizations)) }
        if request.can(.readAudit) { admin.append(item(.audit, .navAudit)); admin.append(item(.desk(.calendar(year: nil)), .calendarTitle)) }
        if request.can(.configureSystem) {
            admin.append(item(.settings, .navSettings)); admin.append(item(.jobs, .navJobs)); admin.append(item(.change(.rules), .chgRules))
        }
        return .nav(.id("nav"), .class("nav"),
                    .ul(item(.home, .navWorkbench), .group(areas.map { item(.area($0), $0.label) }),
                        .if(request.can(.logCalls), item(.desk(.hotline), .navHotline))),
                    .if(!admin.isEmpty, .group(.h2(.text(request.t(.navAdmin))), .ul(.group(admin)))))
    }

    static func flash(_ request: Request) -> Node<HTML.BodyContext> {
        guard request.cookies[DatabaseSessionDriver.cookieName] != nil,
              let message = request.session.data[flashKey] else { return .empty }
        request.session.data[flashKey] = nil
        return .div(.class("flash"), .attr("role", "status"), .text(message))
    }

    static let flashKey = "flash"

    /// Plain links: choosing a language needs no session, so it works before login too.
    static func languageSwitch(_ request: Request, current: AppLanguage) -> Node<HTML.BodyContext> {
        .div(.class("languages"), .text(request.t(.language) + "："),
             .group(AppLanguage.allCases.map { language in
                 let target = SiteURL.query(SiteURL.language.path, ["set": language.rawValue, "next": request.url.path])
                 return .link(target, language == .zh ? "中文" : "English", class: language == current ? "current" : nil)
             }))
    }
}

extension Request {
    /// A one-time message shown on the next page.
    func flash(_ text: TextKey) { session.data[Page.flashKey] = t(text) }
    /// A one-time message already worded (a text with its figures filled in).
    func flash(message: String) { session.data[Page.flashKey] = message }
}
