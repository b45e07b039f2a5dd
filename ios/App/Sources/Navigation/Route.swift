// The app's navigation destinations (the port of the Android app's nav/Routes.kt): the four tabs
// (我的走访 / 住户 / 同步 / 设置) each have a NavigationStack; the rest are pushed on it by value.
import Foundation
import Observation
import RuhuCore
import RuhuViewModels

/// The bottom bar's tabs.
enum AppTab: Hashable, CaseIterable {
    case home, households, sync, settings
}

/// A pushed destination.
enum Route: Hashable {
    /// One household.
    case household(id: String)
    /// The household form: `formKey` names its draft in the core (the same key opens the same
    /// draft after a killed app; Android's names: household/new/<uuid>, household/<id>/profile);
    /// `householdId` absent when registering a new household.
    case householdForm(formKey: String, householdId: String?)
    /// One case.
    case caseDetail(id: String)
    /// Taking a photo of a household or a case (of household `householdId`); `retakeOf` names
    /// a photo sent back.
    case photo(target: PhotoTarget, householdId: String, retakeOf: String?)
    /// The signing pad for a household or a case.
    case signature(target: PhotoTarget)
    /// The conflicts of one record (a household's or a case's id).
    case conflicts(documentId: String)
    /// 发现急难.
    case emergency
    /// Handing a household or a case over by file.
    case handover(documentIds: [String], label: String)

    /// Registering a new household (a fresh draft each time the form is opened anew).
    @MainActor
    static func newHousehold() -> Route {
        .householdForm(formKey: HouseholdFormViewModel.newFormKey(), householdId: nil)
    }

    /// Editing household `id` (its one draft).
    @MainActor
    static func editHousehold(_ id: String) -> Route {
        .householdForm(formKey: HouseholdFormViewModel.editFormKey(householdId: id), householdId: id)
    }
}

/// Each tab's stack of destinations.
@MainActor
@Observable
final class Router {
    var tab: AppTab = .home
    var paths: [AppTab: [Route]] = [:]

    func path(_ tab: AppTab) -> [Route] { paths[tab] ?? [] }

    func setPath(_ path: [Route], for tab: AppTab) { paths[tab] = path }

    /// Opens `route` on the current tab.
    func push(_ route: Route) { paths[tab, default: []].append(route) }

    /// Leaves the destination on top.
    func pop() { _ = paths[tab]?.popLast() }

    /// Replaces the destination on top by `route` (a saved form by its household).
    func replaceTop(with route: Route) {
        pop()
        push(route)
    }
}
