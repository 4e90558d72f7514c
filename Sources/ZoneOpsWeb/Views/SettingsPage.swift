import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsServices

/// The admin's settings form; refused input comes back as typed, each problem at its field.
struct SettingsPage {
    var contact: ServiceDeskContact
    var problems = FormProblems()

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        .section(.class("card"),
            .h1(.text(view.t(.settingsTitle))),
            .p(.class("muted"), .text(view.t(.settingsHint))),
            problems.summary(view),
            Field.form(SiteURL.settings.path, csrf: view.csrf,
                .h2(.text(view.t(.serviceDeskTitle))),
                Field.text("hotline", label: view.t(.settingsHotline), value: contact.hotline, type: "tel",
                           hint: "0532-8888 6666", error: problems["hotline"]),
                Field.text("hours", label: view.t(.settingsHours), value: contact.hours, hint: "7×24", error: problems["hours"]),
                Field.text("email", label: view.t(.settingsEmail), value: contact.email, type: "email", error: problems["email"]),
                Field.text("note", label: view.t(.settingsNote), value: contact.note, error: problems["note"]),
                Field.submit(view.t(.save))))
    }
}
