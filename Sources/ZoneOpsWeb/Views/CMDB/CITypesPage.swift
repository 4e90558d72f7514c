import Foundation
import Plot
import ZoneOpsDomain
import ZoneOpsStore

/// The CI types and their attributes; admins add attributes here without a code change.
struct CITypesPage {
    var types: [CITypeModel]
    var canConfigure: Bool
    var error: String?

    func body(_ view: ViewContext) -> Node<HTML.BodyContext> {
        let language = view.language
        let kinds: [(value: String, label: String)] = [
            ("text", view.t(.kindText)), ("integer", view.t(.kindInteger)), ("decimal", view.t(.kindDecimal)),
            ("date", view.t(.kindDate)), ("boolean", view.t(.kindBoolean)), ("ipAddress", view.t(.kindIP)),
            ("customsCameraCode", view.t(.kindCameraCode)), ("choice", view.t(.kindChoice)),
        ]
        return .group(
            .unwrap(error) { .p(.class("error"), .attr("role", "alert"), .text($0)) },
            .group(types.map { type in
                let definition = type.definition
                return .section(.class("card"),
                    .h2(.text(definition.name(in: language) + " "), .span(.class("muted"), .text(type.key))),
                    .ul(.class("attributes"), .group(definition.attributes.map { attribute in
                        .li(.text(attribute.name(in: language)),
                            .span(.class("muted"), .text(" \(attribute.key) · \(Catalog.shared.text(attribute.kind.label, language))"
                                + (attribute.required ? " · " + view.t(.attributeRequired) : ""))))
                    })),
                    .if(canConfigure, .element(named: "details", nodes: [
                        .element(named: "summary", text: view.t(.addAttribute)),
                        Field.form(SiteURL.ciTypeAttributes(type.key).path, csrf: view.csrf,
                                   .div(.class("grid"),
                                        Field.text("key", label: view.t(.attributeKey), required: true, hint: view.t(.attributeKeyHint)),
                                        Field.text("zh", label: view.t(.attributeNameZh), required: true),
                                        Field.text("en", label: view.t(.attributeNameEn)),
                                        Field.select("kind", label: view.t(.attributeKindLabel), options: kinds, selected: "text"),
                                        Field.text("options", label: view.t(.attributeOptions), hint: view.t(.attributeOptionsHint)),
                                        Field.select("required", label: view.t(.attributeRequired),
                                                     options: [("false", view.t(.no)), ("true", view.t(.yes))], selected: "false")),
                                   Field.submit(view.t(.addAttribute))),
                    ])))
            }))
    }
}
