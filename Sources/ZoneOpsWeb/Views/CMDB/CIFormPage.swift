import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsStore

/// Register or edit a CI: the common fields and the chosen type's own attributes.
/// Refused input comes back with what was typed and every problem at its field. Switching the
/// type posts the form back (`_switchType`), so what was typed stays.
struct CIFormPage {
    var ci: CIModel?
    var type: CITypeDefinition
    var types: [CITypeModel]
    var locations: [(id: UUID, path: String)]
    var values: [String: String]
    var problems = FormProblems()

    /// The button name that asks for the form again with another type, saving nothing.
    static let switchTypeField = "_switchType"

    /// The common fields shown on the form (type is chosen above it).
    static let formFields: [CIField] = CIField.allCases.filter { $0 != .type }

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let language = view.language
        let action = ci.map { SiteURL.editCI($0.id?.uuidString ?? "").path } ?? SiteURL.cis.path
        return .section(.class("card"),
            .h1(.text(view.t(ci == nil ? .newCI : .editCI))),
            problems.summary(view),
            Field.form(action, csrf: view.csrf,
                typeChooser(view),
                .h2(.text(view.t(.commonFields))),
                .div(.class("grid"), .group(Self.formFields.map { field(for: $0, view) }),
                     Field.text("credential", label: view.t(.credentialLabel), type: "password",
                                hint: view.t(.credentialHint), autocomplete: "new-password")),
                .h2(.text(Catalog.shared.format(.typeAttributes, language, type.name(in: language)))),
                .div(.class("grid"), .group(type.attributes.map { attribute($0, language) })),
                .div(.class("actions"), Field.submit(view.t(ci == nil ? .create : .save)),
                     .link(ci.map { SiteURL.ci($0.id?.uuidString ?? "").path } ?? SiteURL.cis.path, view.t(.cancel),
                           class: "button"))))
    }

    /// Changing the type posts the form back with that type's attributes and what was typed.
    private func typeChooser(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let options = types.map { (value: $0.key, label: $0.definition.name(in: view.language)) }
        return .div(.class("filters"),
            Field.select("type", label: view.t(.chooseType), options: options, selected: type.key, error: problems["type"]),
            .element(named: "button", nodes: [
                .attr("type", "submit"), .attr("name", Self.switchTypeField), .attr("value", "1"),
                .attribute(named: "formnovalidate", value: "formnovalidate"), .attr("class", "button secondary"),
                .text(view.t(.switchType)),
            ]))
    }

    private func field(for field: CIField, _ view: ViewContext) -> Node<HTML.BodyContext> {
        let language = view.language
        let value = values[field.rawValue] ?? ""
        let label = view.t(field.label)
        if field == .location {
            let options = [(value: "", label: view.t(.none))] + locations.map { (value: $0.id.uuidString, label: $0.path) }
            return Field.select(field.rawValue, label: label, options: options, selected: value, error: problems[field.rawValue])
        }
        return Self.input(name: field.rawValue, label: label, kind: field.kind, value: value, required: field == .name,
                          language: language, error: problems[field.rawValue])
    }

    private func attribute(_ definition: AttributeDefinition, _ language: AppLanguage) -> Node<HTML.BodyContext> {
        let name = "attr." + definition.key
        return Self.input(name: name, label: definition.name(in: language) + (definition.required ? " *" : ""),
                          kind: definition.kind, value: values[name] ?? "", required: definition.required, language: language,
                          error: problems[name])
    }

    /// The right control for a kind of value: a list for choices and yes/no, a date picker for dates.
    static func input(name: String, label: String, kind: AttributeKind, value: String, required: Bool,
                      language: AppLanguage, error: String? = nil) -> Node<HTML.BodyContext> {
        switch kind {
        case .choice(let options):
            let list = [(value: "", label: "—")] + options.map { (value: $0.code, label: language == .en ? $0.en : $0.zh) }
            return Field.select(name, label: label, options: list, selected: value, error: error)
        case .boolean:
            let list = [(value: "", label: "—"), (value: "true", label: Catalog.shared.text(.yes, language)),
                        (value: "false", label: Catalog.shared.text(.no, language))]
            return Field.select(name, label: label, options: list, selected: value, error: error)
        case .date:
            // A typed date that is no date stays visible as text, so it can be corrected.
            return Field.text(name, label: label, value: value, type: error == nil ? "date" : "text", required: required, error: error)
        default:
            return Field.text(name, label: label, value: value, required: required, error: error)
        }
    }

    /// Form values of a stored CI, keyed as the form names them.
    static func values(of ci: CIModel) -> [String: String] {
        var values: [String: String] = [:]
        for field in CIField.allCases { values[field.rawValue] = ci.value(of: field) ?? "" }
        for (key, value) in ci.attributes { values["attr." + key] = value }
        return values
    }
}
