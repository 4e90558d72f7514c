import Foundation
import Plot
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

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let languages = [(value: "", label: view.t(.followBrowser))] + AppLanguage.allCases.map {
            (value: $0.rawValue, label: $0 == .zh ? "中文（简体）" : "English")
        }
        return .group(
            .section(.class("card"),
                     .h1(.text(view.t(.navProfile))),
                     .p(.text("\(user.displayName) · \(user.username) · \(view.t(user.userRole.label))")),
                     settingsProblems.summary(view),
                     Field.form(SiteURL.profile.path, csrf: view.csrf,
                                Field.select("language", label: view.t(.language), options: languages,
                                             selected: user.language ?? ""),
                                Field.text("mobile", label: view.t(.mobile), value: typedMobile ?? user.mobile ?? "", type: "tel",
                                           hint: view.t(.mobileHint), autocomplete: "tel", error: settingsProblems["mobile"]),
                                Field.submit(view.t(.save)))),
            .section(.class("card"),
                     .h2(.text(view.t(.changePassword))),
                     passwordProblems.summary(view),
                     Field.form(SiteURL.profilePassword.path, csrf: view.csrf,
                                Field.text("currentPassword", label: view.t(.currentPassword), type: "password", required: true,
                                           autocomplete: "current-password", error: passwordProblems["currentPassword"]),
                                Field.text("newPassword", label: view.t(.newPassword), type: "password", required: true,
                                           hint: view.t(.passwordHint), autocomplete: "new-password",
                                           error: passwordProblems["newPassword"]),
                                Field.text("repeatPassword", label: view.t(.repeatPassword), type: "password", required: true,
                                           autocomplete: "new-password", error: passwordProblems["repeatPassword"]),
                                Field.submit(view.t(.changePassword)))),
            .section(.class("card"),
                     .h2(.text(view.t(.tokensTitle))),
                     .unwrap(newToken) { token in
                         .div(.class("flash"), .p(.text(view.t(.tokenCreatedOnce))), .element(named: "code", nodes: [
                             .attr("class", "token"), .attr("id", "new-token"), .text(token),
                         ]))
                     },
                     .unwrap(error) { .p(.class("error"), .attr("role", "alert"), .text($0)) },
                     .div(.class("table-wrap"), .table(
                        .thead(.tr(.th(.text(view.t(.tokenName))), .th(.text(view.t(.createdAt))),
                                   .th(.text(view.t(.expiresAt))), .th(.text(view.t(.status))), .th(.text(view.t(.actions))))),
                        .tbody(.group(tokens.map { token in
                            .tr(.td(.text(token.name)), .td(.text(Format.time(token.createdAt))),
                                .td(.text(Format.time(token.expiresAt))),
                                .td(.text(view.t(token.isUsable(at: now) ? .active : .disabled))),
                                .td(.if(token.isUsable(at: now),
                                        Field.form(SiteURL.revokeToken(token.id?.uuidString ?? "").path, csrf: view.csrf,
                                                   Field.submit(view.t(.tokenRevoke), style: "danger")))))
                        })))),
                     Field.form(SiteURL.tokens.path, csrf: view.csrf,
                                Field.text("name", label: view.t(.tokenName), required: true),
                                Field.text("validDays", label: view.t(.tokenExpiresDays), value: "30", type: "number"),
                                Field.submit(view.t(.tokenCreate)))))
    }
}
