import Plot
import Vapor
import ZoneOpsDomain
import ZoneOpsStore

/// My settings and my API tokens; a new token is shown here once.
struct ProfilePage {
    var user: UserModel
    var tokens: [APITokenModel]
    var newToken: String?
    var error: String?
    var now: Date
    var settingsProblems = FormProblems()
    var passwordProblems = FormProblems()
    /// A refused mobile number, shown as typed.
    var typedMobile: String?

    func body(_ request: Request) -> Node<HTML.BodyContext> {
        let languages = [(value: "", label: request.t(.followBrowser))] + AppLanguage.allCases.map {
            (value: $0.rawValue, label: $0 == .zh ? "中文（简体）" : "English")
        }
        return .group(
            .section(.class("card"),
                     .h1(.text(request.t(.navProfile))),
                     .p(.text("\(user.displayName) · \(user.username) · \(request.t(user.userRole.label))")),
                     settingsProblems.summary(request.view),
                     Field.form(SiteURL.profile.path, csrf: request.csrfToken,
                                Field.select("language", label: request.t(.language), options: languages,
                                             selected: user.language ?? ""),
                                Field.text("mobile", label: request.t(.mobile), value: typedMobile ?? user.mobile ?? "", type: "tel",
                                           hint: request.t(.mobileHint), autocomplete: "tel", error: settingsProblems["mobile"]),
                                Field.submit(request.t(.save)))),
            .section(.class("card"),
                     .h2(.text(request.t(.changePassword))),
                     passwordProblems.summary(request.view),
                     Field.form(SiteURL.profilePassword.path, csrf: request.csrfToken,
                                Field.text("currentPassword", label: request.t(.currentPassword), type: "password", required: true,
                                           autocomplete: "current-password", error: passwordProblems["currentPassword"]),
                                Field.text("newPassword", label: request.t(.newPassword), type: "password", required: true,
                                           hint: request.t(.passwordHint), autocomplete: "new-password",
                                           error: passwordProblems["newPassword"]),
                                Field.text("repeatPassword", label: request.t(.repeatPassword), type: "password", required: true,
                                           autocomplete: "new-password", error: passwordProblems["repeatPassword"]),
                                Field.submit(request.t(.changePassword)))),
            .section(.class("card"),
                     .h2(.text(request.t(.tokensTitle))),
                     .unwrap(newToken) { token in
                         .div(.class("flash"), .p(.text(request.t(.tokenCreatedOnce))), .element(named: "code", nodes: [
                             .attr("class", "token"), .attr("id", "new-token"), .text(token),
                         ]))
                     },
                     .unwrap(error) { .p(.class("error"), .attr("role", "alert"), .text($0)) },
                     .div(.class("table-wrap"), .table(
                        .thead(.tr(.th(.text(request.t(.tokenName))), .th(.text(request.t(.createdAt))),
                                   .th(.text(request.t(.expiresAt))), .th(.text(request.t(.status))), .th(.text(request.t(.actions))))),
                        .tbody(.group(tokens.map { token in
                            .tr(.td(.text(token.name)), .td(.text(Format.time(token.createdAt))),
                                .td(.text(Format.time(token.expiresAt))),
                                .td(.text(request.t(token.isUsable(at: now) ? .active : .disabled))),
                                .td(.if(token.isUsable(at: now),
                                        Field.form(SiteURL.revokeToken(token.id?.uuidString ?? "").path, csrf: request.csrfToken,
                                                   Field.submit(request.t(.tokenRevoke), style: "danger")))))
                        })))),
                     Field.form(SiteURL.tokens.path, csrf: request.csrfToken,
                                Field.text("name", label: request.t(.tokenName), required: true),
                                Field.text("validDays", label: request.t(.tokenExpiresDays), value: "30", type: "number"),
                                Field.submit(request.t(.tokenCreate)))))
    }
}
