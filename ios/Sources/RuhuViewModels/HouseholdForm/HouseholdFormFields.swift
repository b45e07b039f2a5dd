// The household form as field keys and values exactly as typed (the shape drafts keep), and how
// those values become the core's records and back. Keys and values are the Android app's
// (FormFields in HouseholdFormFields.kt): the core's own field names (`contact_phone`,
// `members.0.id_number`) so that its field problems land on their field, booleans "1" or "",
// choices as the enum's name in upper snake case (`OWNED_UNSAFE`), so both phones' drafts read alike.
import Foundation
import RuhuCore

/// Field keys of the household form.
public enum FormFields {
    public static let village = "village_code"
    public static let grid = "grid_code"
    public static let address = "address_detail"
    public static let phone = "contact_phone"
    /// "lat,lon,accuracy" as the GPS fix gave it.
    public static let location = "location"
    public static let housing = "housing"
    public static let memberCount = "members.count"
    public static let supporterCount = "supporters.count"

    /// 困难类别 checkbox keys, in HardshipCategories' order.
    public static let categories = ["dibao", "tekun", "low_income", "orphan", "vulnerable_child",
                                    "disability_subsidy", "expenditure_hardship"].map { "categories.\($0)" }

    /// Flags: 已在保, 建档立卡, 干部亲属.
    public static let flags = ["already_assisted", "poverty_registered", "staff_relative"]

    /// The amounts of the economics form (yearly, 元 as typed), in EconomicsInput's order.
    public static let economicsAmounts = ["wage", "farming", "business", "property_rental", "land_transfer", "pension",
                                          "support_received", "subsidies", "other_income", "medical", "education",
                                          "housing", "other_expenditure"].map { "economics.\($0)" }
    public static let houseCount = "economics.house_count"
    public static let houseValue = "economics.house_value"
    public static let vehicleCount = "economics.vehicle_count"
    public static let vehicleValue = "economics.vehicle_value"
    public static let deposits = "economics.deposits"
    public static let securities = "economics.securities"
    public static let debts = "economics.debts"

    /// A member's field: name, id_number, relation, sex, birth_date, major_illness, chronic_illness,
    /// disability_kind, disability_grade, health_note, work, school, marital, education, status, member_id.
    public static func member(_ index: Int, _ field: String) -> String { "members.\(index).\(field)" }

    /// A supporter's field: name, id_number, relation, annual_income, annual_support_paid, supporter_id.
    public static func supporter(_ index: Int, _ field: String) -> String { "supporters.\(index).\(field)" }

    /// The fields a new member row starts with (kept in the draft like any typed field).
    static func newMember(_ index: Int) -> [(String, String)] {
        [
            (member(index, "status"), choiceName(MemberStatus.present)),
            (member(index, "work"), choiceName(WorkStatus.farming)),
            (member(index, "school"), choiceName(SchoolStage.notInSchool)),
            (member(index, "marital"), choiceName(MaritalStatus.unmarried)),
            (member(index, "education"), choiceName(Education.primary)),
        ]
    }
}

// MARK: - Choices as the drafts name them

/// A choice's name in drafts and form fields: the Kotlin enum's name (`movedOut` → `MOVED_OUT`).
public func choiceName<E>(_ value: E) -> String {
    snakeName(value).uppercased()
}

/// An enum case without payload in lower snake case (`preliminaryReview` → `preliminary_review`).
func snakeName<E>(_ value: E) -> String {
    var out = ""
    for ch in String(describing: value) {
        if ch.isUppercase {
            out += "_" + ch.lowercased()
        } else {
            out.append(ch)
        }
    }
    return out
}

/// Every case of the bindings' choice enums (they are not CaseIterable), to read names back.
public enum FormChoices {
    public static let housing: [Housing] = [.ownedSafe, .ownedUnsafe, .rented, .borrowed, .disasterDamaged, .none]
    public static let relations: [Relation] = [.head, .spouse, .child, .childInLaw, .parent, .grandparent, .grandchild, .sibling, .other]
    public static let sexes: [Sex] = [.male, .female]
    public static let disabilityKinds: [DisabilityKind] = [.visual, .hearing, .speech, .physical, .intellectual, .mental, .multiple]
    public static let work: [WorkStatus] = [.employed, .farming, .selfEmployed, .flexibleWork, .unemployed, .retired, .unableToWork, .student, .preschool]
    public static let schools: [SchoolStage] = [.notInSchool, .preschool, .primary, .juniorMiddle, .seniorHigh, .higher]
    public static let marital: [MaritalStatus] = [.unmarried, .married, .divorced, .widowed]
    public static let education: [Education] = [.none, .primary, .juniorMiddle, .seniorHigh, .college]
    public static let memberStatuses: [MemberStatus] = [.present, .movedOut, .deceased]

    /// The case of `all` named `name` (as choiceName gives it), or nil.
    public static func find<E>(_ name: String, in all: [E]) -> E? {
        all.first { choiceName($0) == name }
    }
}

// MARK: - Problems the form finds before asking the core

/// What is wrong with one field: the core's words, or a kind the app words.
public enum FieldIssue: Equatable, Sendable {
    /// The core's own words (its field problems, an amount it could not read).
    case words(String)
    /// A required choice not made (请选择).
    case choiceMissing
    /// A count or grade that is no whole number (请填写数目).
    case notANumber
    /// The stored GPS fix cannot be read (位置没有读出，请重新定位).
    case locationUnreadable
}

/// A field the form could not read, thrown while building the core's records.
struct FormError: Error {
    let field: String
    let issue: FieldIssue
}

/// Reads the typed values into the core's records; throws FormError (or, for amounts, the
/// core's ApiError.InvalidInput naming the field) for what cannot be read.
struct FormReader: Sendable {
    let fields: [String: String]
    /// The core's amount reading (`parseAmount`).
    let amount: @Sendable (String, String) throws -> Int64

    private func text(_ key: String) -> String { (fields[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
    private func flag(_ key: String) -> Bool { fields[key] == "1" }

    private func choice<E>(_ key: String, _ all: [E]) -> E? {
        let t = text(key)
        return t.isEmpty ? nil : FormChoices.find(t, in: all)
    }

    private func required<E>(_ key: String, _ all: [E]) throws -> E {
        guard let v = choice(key, all) else { throw FormError(field: key, issue: .choiceMissing) }
        return v
    }

    /// 元 as typed to 分, read by the core; empty is 0.
    func fen(_ key: String) throws -> Int64 {
        let t = text(key)
        return t.isEmpty ? 0 : try amount(key, t)
    }

    private func count(_ key: String) throws -> UInt32 {
        let t = text(key)
        if t.isEmpty { return 0 }
        guard let n = UInt32(t) else { throw FormError(field: key, issue: .notANumber) }
        return n
    }

    /// How many member rows the form has.
    var members: Int { Int(fields[FormFields.memberCount] ?? "") ?? 0 }
    /// How many supporter rows the form has.
    var supporters: Int { Int(fields[FormFields.supporterCount] ?? "") ?? 0 }

    /// The profile in `countyCode`; the village's name from `villageName`.
    func profile(countyCode: String, villageName: (String) -> String) throws -> HouseholdProfile {
        let village = text(FormFields.village)
        let c = FormFields.categories.map(flag)
        return HouseholdProfile(
            countyCode: countyCode,
            townshipCode: String(village.prefix(9)),
            villageCode: village,
            villageName: villageName(village),
            gridCode: text(FormFields.grid),
            addressDetail: text(FormFields.address),
            contactPhone: text(FormFields.phone),
            location: try location(),
            housing: try required(FormFields.housing, FormChoices.housing),
            categories: HardshipCategories(dibao: c[0], tekun: c[1], lowIncome: c[2], orphan: c[3],
                                           vulnerableChild: c[4], disabilitySubsidy: c[5], expenditureHardship: c[6]),
            alreadyAssisted: flag("already_assisted"),
            povertyRegistered: flag("poverty_registered"),
            staffRelative: flag("staff_relative")
        )
    }

    private func location() throws -> GeoPoint? {
        let t = text(FormFields.location)
        if t.isEmpty { return nil }
        let n = t.split(separator: ",", omittingEmptySubsequences: false)
            .map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard n.count == 3, let lat = n[0], let lon = n[1], let acc = n[2] else {
            throw FormError(field: FormFields.location, issue: .locationUnreadable)
        }
        return GeoPoint(lat: lat, lon: lon, accuracyM: acc)
    }

    /// The member in row `i`.
    func member(_ i: Int) throws -> MemberInput {
        let k = { (field: String) in FormFields.member(i, field) }
        let idNumber = text(k("id_number")).uppercased()
        let gradeText = text(k("disability_grade"))
        var grade: UInt8?
        if !gradeText.isEmpty {
            guard let g = UInt8(gradeText) else { throw FormError(field: k("disability_grade"), issue: .notANumber) }
            grade = g
        }
        return MemberInput(
            name: text(k("name")),
            idNumber: idNumber.isEmpty ? nil : idNumber,
            relation: try required(k("relation"), FormChoices.relations),
            sex: try required(k("sex"), FormChoices.sexes),
            birthDate: text(k("birth_date")),
            majorIllness: flag(k("major_illness")),
            chronicIllness: flag(k("chronic_illness")),
            disabilityKind: choice(k("disability_kind"), FormChoices.disabilityKinds),
            disabilityGrade: grade,
            healthNote: text(k("health_note")),
            work: choice(k("work"), FormChoices.work) ?? .farming,
            school: choice(k("school"), FormChoices.schools) ?? .notInSchool,
            marital: choice(k("marital"), FormChoices.marital) ?? .unmarried,
            education: choice(k("education"), FormChoices.education) ?? .primary,
            status: choice(k("status"), FormChoices.memberStatuses) ?? .present
        )
    }

    /// The member id of row `i`, once the core gave one.
    func memberId(_ i: Int) -> String? { let t = text(FormFields.member(i, "member_id")); return t.isEmpty ? nil : t }

    /// The supporter in row `i`.
    func supporter(_ i: Int) throws -> SupporterInput {
        let k = { (field: String) in FormFields.supporter(i, field) }
        let idNumber = text(k("id_number")).uppercased()
        return SupporterInput(
            name: text(k("name")),
            idNumber: idNumber.isEmpty ? nil : idNumber,
            relation: text(k("relation")),
            annualIncomeFen: try fen(k("annual_income")),
            annualSupportPaidFen: try fen(k("annual_support_paid"))
        )
    }

    /// The supporter id of row `i`, once the core gave one.
    func supporterId(_ i: Int) -> String? { let t = text(FormFields.supporter(i, "supporter_id")); return t.isEmpty ? nil : t }

    /// Members counted in 人均: rows whose status is 在户 (present).
    var presentMembers: UInt32 {
        let present = choiceName(MemberStatus.present)
        return UInt32((0..<members).filter { (fields[FormFields.member($0, "status")] ?? present) == present }.count)
    }

    /// The economics form.
    func economics() throws -> EconomicsInput {
        let m = try FormFields.economicsAmounts.map(fen)
        return EconomicsInput(
            wageFen: m[0], farmingFen: m[1], businessFen: m[2], propertyRentalFen: m[3], landTransferFen: m[4],
            pensionFen: m[5], supportReceivedFen: m[6], subsidiesFen: m[7], otherIncomeFen: m[8], medicalFen: m[9],
            educationFen: m[10], housingFen: m[11], otherExpenditureFen: m[12],
            houseCount: try count(FormFields.houseCount), houseValueFen: try fen(FormFields.houseValue),
            vehicleCount: try count(FormFields.vehicleCount), vehicleValueFen: try fen(FormFields.vehicleValue),
            depositsFen: try fen(FormFields.deposits), securitiesFen: try fen(FormFields.securities),
            debtsFen: try fen(FormFields.debts)
        )
    }
}

/// 分 as 元 text for the form ("1200", "1200.5", "0.05"), the way Android writes it back.
func yuanText(_ fen: Int64) -> String {
    let sign = fen < 0 ? "-" : ""
    let m = fen.magnitude
    let yuan = m / 100, cents = m % 100
    if cents == 0 { return "\(sign)\(yuan)" }
    if cents % 10 == 0 { return "\(sign)\(yuan).\(cents / 10)" }
    return "\(sign)\(yuan).\(cents < 10 ? "0" : "")\(cents)"
}

extension HouseholdDetail {
    /// A saved household as form fields (editing starts from these; a draft overrides them).
    func formFields() -> [String: String] {
        var f: [String: String] = [:]
        let b = { (v: Bool) in v ? "1" : "" }
        f[FormFields.village] = profile.villageCode
        f[FormFields.grid] = profile.gridCode
        f[FormFields.address] = profile.addressDetail
        f[FormFields.phone] = profile.contactPhone
        f[FormFields.housing] = choiceName(profile.housing)
        if let l = profile.location { f[FormFields.location] = "\(l.lat),\(l.lon),\(l.accuracyM)" }
        let c = profile.categories
        for (i, v) in [c.dibao, c.tekun, c.lowIncome, c.orphan, c.vulnerableChild, c.disabilitySubsidy, c.expenditureHardship].enumerated() {
            f[FormFields.categories[i]] = b(v)
        }
        f["already_assisted"] = b(profile.alreadyAssisted)
        f["poverty_registered"] = b(profile.povertyRegistered)
        f["staff_relative"] = b(profile.staffRelative)
        f[FormFields.memberCount] = String(members.count)
        for (i, d) in members.enumerated() {
            let k = { (field: String) in FormFields.member(i, field) }
            let m = d.member
            f[k("member_id")] = d.memberId
            f[k("name")] = m.name
            f[k("id_number")] = m.idNumber ?? ""
            f[k("relation")] = choiceName(m.relation)
            f[k("sex")] = choiceName(m.sex)
            f[k("birth_date")] = m.birthDate
            f[k("major_illness")] = b(m.majorIllness)
            f[k("chronic_illness")] = b(m.chronicIllness)
            f[k("disability_kind")] = m.disabilityKind.map(choiceName) ?? ""
            f[k("disability_grade")] = m.disabilityGrade.map { String($0) } ?? ""
            f[k("health_note")] = m.healthNote
            f[k("work")] = choiceName(m.work)
            f[k("school")] = choiceName(m.school)
            f[k("marital")] = choiceName(m.marital)
            f[k("education")] = choiceName(m.education)
            f[k("status")] = choiceName(m.status)
        }
        f[FormFields.supporterCount] = String(supporters.count)
        for (i, d) in supporters.enumerated() {
            let k = { (field: String) in FormFields.supporter(i, field) }
            let s = d.supporter
            f[k("supporter_id")] = d.supporterId
            f[k("name")] = s.name
            f[k("id_number")] = s.idNumber ?? ""
            f[k("relation")] = s.relation
            f[k("annual_income")] = yuanText(s.annualIncomeFen)
            f[k("annual_support_paid")] = yuanText(s.annualSupportPaidFen)
        }
        let e = economics
        let money = [e.wageFen, e.farmingFen, e.businessFen, e.propertyRentalFen, e.landTransferFen, e.pensionFen,
                     e.supportReceivedFen, e.subsidiesFen, e.otherIncomeFen, e.medicalFen, e.educationFen, e.housingFen,
                     e.otherExpenditureFen]
        for (i, v) in money.enumerated() { f[FormFields.economicsAmounts[i]] = yuanText(v) }
        f[FormFields.houseCount] = String(e.houseCount)
        f[FormFields.houseValue] = yuanText(e.houseValueFen)
        f[FormFields.vehicleCount] = String(e.vehicleCount)
        f[FormFields.vehicleValue] = yuanText(e.vehicleValueFen)
        f[FormFields.deposits] = yuanText(e.depositsFen)
        f[FormFields.securities] = yuanText(e.securitiesFen)
        f[FormFields.debts] = yuanText(e.debtsFen)
        return f
    }
}
