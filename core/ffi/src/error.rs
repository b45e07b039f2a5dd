//! The one public error of the FFI: a stable variant per thing the app can act on, messages in
//! Chinese for the person holding the phone, and never a name or an ID number.

use ruhu_domain::document::DocError;
use ruhu_domain::validation::ValidationError;
use ruhu_domain::warnings::WarningError;
use ruhu_engine::EngineError;
use ruhu_engine::client::ClientError;
use ruhu_engine::error::PolicyPart;
use ruhu_engine::qr::QrProblem;
use ruhu_proto::v1::ErrorCode;
use ruhu_store::{BundleRefusal, Missing, StoreError, SyncFault};

/// One problem with one form field.
#[derive(Clone, Debug, PartialEq, Eq, uniffi::Record)]
pub struct FieldProblem {
    /// Stable path of the field, e.g. `members.<member id>.id_number`.
    pub field: String,
    /// What to fix, in Chinese.
    pub reason: String,
}

/// Every error a Ruhu call can return.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum ApiError {
    /// The form has problems; nothing was saved.
    #[error("表单有{}处需要修改", problems.len())]
    InvalidInput {
        /// Each problem, by field.
        problems: Vec<FieldProblem>,
    },
    /// No record with that id on this device.
    #[error("找不到该{what}")]
    NotFound {
        /// What was looked for (household, case, member, conflict).
        what: String,
    },
    /// The store key was not 32 bytes.
    #[error("数据密钥格式不对")]
    BadKey,
    /// Wrong key, or the file is damaged. The file is kept exactly as it was.
    #[error(
        "无法打开本机数据：密钥不对或文件已损坏。数据文件已原样保留，请联系技术支持，不要卸载应用。"
    )]
    StoreUnreadable,
    /// Data written by a newer app version.
    #[error("此数据由更新版本的应用写入，请先升级应用")]
    NewerVersion {
        /// What is unknown to this version (a code, not personal data).
        detail: String,
    },
    /// The device has no worker profile yet.
    #[error("本机尚未登记网格员信息")]
    NoProfile,
    /// The device already serves another county.
    #[error("本机数据属于其他县，不能改为本县")]
    OtherCounty,
    /// A bundle file was refused; nothing of it was stored.
    #[error("文件未导入：{reason}")]
    BundleRefused {
        /// Why, in Chinese.
        reason: String,
    },
    /// The bundle holds documents outside this device's scope; nothing was imported. Show
    /// them (`preview_bundle`), then import with `import_bundle_confirmed` once the worker
    /// chose to keep or leave them out.
    #[error("文件中有{count}条记录不在本机负责的村或网格内，请确认是否导入")]
    BundleOutsideScope {
        /// How many documents lie outside the scope.
        count: u32,
    },
    /// A sync did not finish; nothing of it was half-applied and local work is kept.
    /// `retry` says whether trying again later may help (no signal, county busy).
    #[error("同步未完成：{reason}")]
    SyncFailed {
        /// Why, in Chinese.
        reason: String,
        /// Whether a later attempt may succeed.
        retry: bool,
    },
    /// The sync was cancelled by the app; what had been applied stays applied.
    #[error("同步已取消")]
    SyncCancelled,
    /// The device is not enrolled with a county store yet.
    #[error("本机尚未在县级平台登记，请扫描登记码")]
    NotEnrolled,
    /// The enrollment code was refused.
    #[error("登记码不可用：{reason}")]
    EnrollmentRefused {
        /// Why, in Chinese.
        reason: String,
    },
    /// The county revoked this device; its local data has been wiped as instructed.
    #[error("本机已被县级平台停用，本机数据已清除")]
    DeviceRevoked,
    /// The camera image cannot be used; nothing was saved. `reason` says what to do.
    #[error("照片无法使用：{reason}")]
    PhotoRefused {
        /// Why, in Chinese.
        reason: String,
    },
    /// The phone's storage is full: the step that needed room was not saved (what earlier steps
    /// saved stays, and the step can be retried once there is room).
    #[error("手机存储空间已满，请清理后重试")]
    StorageFull,
    /// The step breaks a rule of the case workflow or the county policy; nothing was recorded.
    /// `rule` is a stable code (`role_may_not`, `already_approved`, `ceiling_exceeded`, …).
    #[error("不能办理：{reason}")]
    CaseRuleBroken {
        /// Stable rule code.
        rule: String,
        /// Why, in Chinese.
        reason: String,
    },
    /// Leaving the county now would lose work the county does not have yet; nothing was
    /// wiped. Sync first, or leave anyway when the work is known to be lost already.
    #[error("还有{documents}条记录和{photos}张照片没有同步到县里，退出会丢失，请先同步")]
    UnsyncedWork {
        /// Records with changes the county lacks.
        documents: u64,
        /// Photo files still to upload.
        photos: u64,
    },
    /// A fault inside the app; the message names the part for support, nothing personal.
    #[error("应用内部错误（{detail}）")]
    Internal {
        /// Which part failed.
        detail: String,
    },
}

impl ApiError {
    /// A single-field problem.
    pub fn field(field: &str, reason: impl Into<String>) -> Self {
        ApiError::InvalidInput {
            problems: vec![FieldProblem {
                field: field.to_string(),
                reason: reason.into(),
            }],
        }
    }
}

impl From<ValidationError> for ApiError {
    fn from(e: ValidationError) -> Self {
        ApiError::InvalidInput {
            problems: e
                .0
                .into_iter()
                .map(|p| FieldProblem {
                    field: p.field,
                    reason: p.reason,
                })
                .collect(),
        }
    }
}

impl From<EngineError> for ApiError {
    fn from(e: EngineError) -> Self {
        match e {
            EngineError::Store(e) => e.into(),
            EngineError::County(e) => e.into(),
            EngineError::Invalid(v) => v.into(),
            EngineError::NotEnrolled => ApiError::NotEnrolled,
            EngineError::Qr(problem) => ApiError::field(
                "qr",
                match problem {
                    QrProblem::NotEnrollment => {
                        "这不是县级平台的登记码，请扫描县里提供的登记二维码"
                    }
                    QrProblem::NewerVersion => "登记码来自更新版本的县级平台，请先升级应用",
                    QrProblem::Incomplete => "登记码不完整，请重新扫描或手动输入登记码",
                },
            ),
            EngineError::EnrollmentRefused(code) => ApiError::EnrollmentRefused {
                reason: match code {
                    ErrorCode::EnrollmentCodeUsed => "登记码已被使用",
                    ErrorCode::EnrollmentCodeExpired => "登记码已过期，请向县级平台重新申请",
                    ErrorCode::EnrollmentCodeInvalid => "登记码不正确，请核对",
                    other => refused_reason(other),
                }
                .into(),
            },
            EngineError::DeviceRevoked => ApiError::DeviceRevoked,
            EngineError::Cancelled => ApiError::SyncCancelled,
            EngineError::OutOfScope => ApiError::field(
                "profile.address.grid_code",
                "该户不在本机负责的村或网格内，请核对地址或联系乡镇",
            ),
            EngineError::OtherCountyHousehold => {
                ApiError::field("profile.address.county_code", "只能登记本县的家庭")
            }
            EngineError::BundleOutsideScope { count } => ApiError::BundleOutsideScope { count },
            EngineError::UnsyncedWork { documents, photos } => {
                ApiError::UnsyncedWork { documents, photos }
            }
            EngineError::NoSuchTask => ApiError::NotFound {
                what: "走访任务".into(),
            },
            EngineError::Warning(w) => warning_error(w),
            EngineError::CaseRule(e) => ApiError::CaseRuleBroken {
                rule: e.code().to_string(),
                reason: e.to_string(),
            },
            EngineError::CeilingExceeded { over } => ApiError::CaseRuleBroken {
                rule: "ceiling_exceeded".into(),
                reason: format!("本户本年度救助将超过年度上限 {over}"),
            },
            EngineError::PolicyMissing => ApiError::CaseRuleBroken {
                rule: "policy_missing".into(),
                reason: "尚未收到县级政策，请先同步".into(),
            },
            EngineError::Policy { part, source } => ApiError::field(
                match part {
                    PolicyPart::Calendar => "policy.calendar_years",
                    PolicyPart::Ceiling => "amount",
                    PolicyPart::Suggestion => "policy",
                },
                source.to_string(),
            ),
        }
    }
}

fn warning_error(e: WarningError) -> ApiError {
    let (field, reason) = match &e {
        WarningError::TaskNotOpen => ("status", "该走访任务已完成或已撤销".to_string()),
        WarningError::Required(f) => (*f, "请填写".to_string()),
        WarningError::TooLong { field, max } => (*field, format!("最多{max}个字")),
        WarningError::NoGrid => (
            "profile.address.grid_code",
            "该户没有所属网格，走访任务无人接收".to_string(),
        ),
        WarningError::Calendar(c) => (
            "calendar",
            format!("县级政策缺少该年度的工作日历，无法计算走访期限（{c}）"),
        ),
        other => (other.code(), other.to_string()),
    };
    ApiError::field(field, reason)
}

/// What a refusal from the county means for the worker.
pub(crate) fn refused_reason(code: ErrorCode) -> &'static str {
    use ErrorCode as C;
    match code {
        C::Unauthenticated => "本机登记已失效，请重新登记",
        C::ForgedActor => "数据的作者不是本机登记的身份",
        C::OutOfScope => "有记录不在本机负责的网格内",
        C::RoleMayNot => "本机记录的办理步骤超出本人职责，县级平台未接受",
        C::CaseRule => "本机记录的办理步骤不符合办理规则，县级平台未接受",
        C::InvalidChange | C::InvalidContent | C::UnknownKind => {
            "县级平台不接受本机的部分数据，请联系技术支持"
        }
        C::ProtocolVersion => "应用版本与县级平台不兼容，请升级应用",
        C::TooLarge => "本次同步数据过大",
        C::Unavailable => "县级平台暂时不可用，请稍后再试",
        C::TooManyRequests => "尝试次数过多，请稍后再试",
        _ => "县级平台出错，请稍后再试",
    }
}

impl From<ClientError> for ApiError {
    fn from(e: ClientError) -> Self {
        match &e {
            ClientError::Network(_) => ApiError::SyncFailed {
                reason: "网络不通或信号弱，数据已保存在本机，稍后会再次同步".into(),
                retry: true,
            },
            ClientError::Refused { code, .. } => ApiError::SyncFailed {
                reason: refused_reason(*code).into(),
                retry: e.is_retryable(),
            },
            ClientError::Malformed => ApiError::SyncFailed {
                reason: "县级平台的回复无法识别".into(),
                retry: false,
            },
            ClientError::Address(why) => ApiError::SyncFailed {
                reason: (*why).into(),
                retry: false,
            },
            ClientError::Untrusted => ApiError::SyncFailed {
                reason: "县级平台的安全证书无法验证，为保护群众信息，本机没有发送任何数据，请向县里核对地址"
                    .into(),
                retry: false,
            },
        }
    }
}

fn bundle_reason(reason: BundleRefusal) -> &'static str {
    match reason {
        BundleRefusal::OtherCounty => "文件属于其他县",
        BundleRefusal::Damaged => "文件已损坏或被改动",
        BundleRefusal::IncompatibleVersion => "文件来自不兼容的应用版本",
        BundleRefusal::TooLarge => "文件过大",
        BundleRefusal::PolicyNotHandedOver => "县级政策不通过交接文件传递",
        BundleRefusal::NotABundle
        | BundleRefusal::UnknownKind
        | BundleRefusal::KindMismatch
        | BundleRefusal::IdMismatch => "不是有效的交接文件",
    }
}

fn photo_reason(e: &ruhu_domain::imaging::ImagingError) -> String {
    use ruhu_domain::imaging::ImagingError as E;
    match e {
        E::Unsupported(format) => {
            use ruhu_domain::imaging::OtherFormat as F;
            let what = match format {
                F::HeicHeif => "不支持 HEIC/HEIF 格式的照片",
                F::Avif => "不支持 AVIF 格式的照片",
                F::Gif => "不支持 GIF 动图",
                F::WebP => "不支持 WebP 格式的图片",
                F::TiffRaw => "不支持 TIFF/RAW 格式的图片",
                F::Empty => "文件是空的，不是照片",
                F::IsoMedia => "这是视频或其他媒体文件，不是照片",
                F::NotAnImage => "这个文件不是照片",
            };
            format!("{what}，请用相机拍摄 JPEG 照片或在系统设置中选择“兼容性最佳”格式")
        }
        E::Damaged(_) => "照片文件不完整或已损坏，请重新拍摄".into(),
        E::TooLarge { .. } => "照片像素过大，请用手机相机的标准模式拍摄".into(),
        E::Settings(reason) => format!("县级照片设置有误：{reason}"),
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::BadKey => ApiError::BadKey,
            StoreError::Unreadable => ApiError::StoreUnreadable,
            StoreError::NewerSchema(v) => ApiError::NewerVersion {
                detail: format!("store schema {v}"),
            },
            StoreError::NoProfile => ApiError::NoProfile,
            StoreError::OtherCounty => ApiError::OtherCounty,
            StoreError::NotFound(what) => ApiError::NotFound {
                what: match what {
                    Missing::Household => "家庭",
                    Missing::Case => "案件",
                    Missing::Member => "家庭成员",
                    Missing::Supporter => "赡养义务人",
                    Missing::Conflict => "冲突",
                    Missing::Photo => "照片",
                    Missing::Policy => "县级政策",
                    Missing::Document => "记录",
                }
                .to_string(),
            },
            StoreError::Bundle(reason) => ApiError::BundleRefused {
                reason: bundle_reason(reason).to_string(),
            },
            StoreError::Full => ApiError::StorageFull,
            StoreError::Photo(e) => ApiError::PhotoRefused {
                reason: photo_reason(&e),
            },
            StoreError::PhotoFile(fault) => ApiError::Internal {
                detail: fault.to_string(),
            },
            StoreError::Sync(fault) => ApiError::SyncFailed {
                reason: match fault {
                    SyncFault::FeedWentBackwards => {
                        "县级平台的数据比本机旧（可能已从备份恢复），请联系技术支持"
                    }
                    SyncFault::OtherCounty => "县级平台发来了其他县的记录，请联系技术支持",
                    SyncFault::ChangeDoesNotDecode
                    | SyncFault::UnknownKind
                    | SyncFault::KindMismatch => {
                        "县级平台发来的数据本机无法合并，请升级应用或联系技术支持"
                    }
                }
                .into(),
                retry: false,
            },
            StoreError::Invalid(v) => v.into(),
            StoreError::Doc(DocError::NewerVersion { code }) => {
                ApiError::NewerVersion { detail: code }
            }
            StoreError::Doc(DocError::Unreadable(_)) | StoreError::Doc(DocError::Automerge(_)) => {
                ApiError::Internal {
                    detail: "document unreadable".into(),
                }
            }
            StoreError::Doc(DocError::Limit(limit)) => ApiError::Internal {
                detail: format!("document refused ({})", limit.code()),
            },
            StoreError::Doc(DocError::Internal(what)) => ApiError::Internal {
                detail: what.into(),
            },
            StoreError::Sql(_) => ApiError::Internal {
                detail: "local database".into(),
            },
            StoreError::Migration(_) => ApiError::Internal {
                detail: "local database schema".into(),
            },
        }
    }
}

impl ApiError {
    /// The variant's name in words (`"sync failed"`, `"storage full"` …): what logs say
    /// instead of the message, which could one day carry something a log must not.
    pub fn variant_name(&self) -> &'static str {
        match self {
            ApiError::InvalidInput { .. } => "invalid input",
            ApiError::NotFound { .. } => "not found",
            ApiError::BadKey => "bad key",
            ApiError::StoreUnreadable => "store unreadable",
            ApiError::NewerVersion { .. } => "newer version",
            ApiError::NoProfile => "no profile",
            ApiError::OtherCounty => "other county",
            ApiError::BundleRefused { .. } => "bundle refused",
            ApiError::BundleOutsideScope { .. } => "bundle outside scope",
            ApiError::CaseRuleBroken { .. } => "case rule broken",
            ApiError::StorageFull => "storage full",
            ApiError::PhotoRefused { .. } => "photo refused",
            ApiError::Internal { .. } => "internal",
            ApiError::SyncFailed { .. } => "sync failed",
            ApiError::SyncCancelled => "sync cancelled",
            ApiError::NotEnrolled => "not enrolled",
            ApiError::EnrollmentRefused { .. } => "enrollment refused",
            ApiError::DeviceRevoked => "device revoked",
            ApiError::UnsyncedWork { .. } => "unsynced work",
        }
    }
}

#[cfg(test)]
mod tests;
