import Foundation
import Plot
import ZoneOpsDomain

/// The problems of a refused form, by field, worded for people: each names the field by its
/// label and shows at the field itself; what belongs to no field is shown on top.
struct FormProblems: Sendable {
    private(set) var byField: [String: String] = [:]
    private(set) var general: [String] = []

    init() {}

    init(_ error: AppError, language: AppLanguage) {
        let catalog = Catalog.shared
        switch error {
        case .invalid(let field, let text):
            byField[Self.formName(field)] = catalog.text(text, language)
        case .invalidFields(let problems):
            for problem in problems { byField[Self.formName(problem.field)] = catalog.text(problem.text, language) }
        case .outOfRange(let field, _, _):
            byField[Self.formName(field)] = error.message(in: language)
        default:
            general = [error.message(in: language)]
        }
    }

    /// The form names an attribute `attr.key` where the API says `attributes.key`.
    static func formName(_ field: String) -> String {
        field.hasPrefix("attributes.") ? "attr." + field.dropFirst("attributes.".count) : field
    }

    subscript(field: String) -> String? { byField[field] }
    var isEmpty: Bool { byField.isEmpty && general.isEmpty }

    /// An alert on top: what to fix, field by field, by label.
    func summary(_ view: ViewContext) -> Node<HTML.BodyContext> {
        guard !isEmpty else { return .empty }
        let lines = general + byField.keys.sorted().map { key in
            FieldLabels.label(for: key, in: view.language) + "：" + AppError.withoutFullStop(byField[key] ?? "")
        }
        return .div(.class("error"), .attr("role", "alert"), .ul(.group(lines.map { .li(.text($0)) })))
    }
}
