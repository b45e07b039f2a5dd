//! Photo review by keyboard, and the photo files behind it.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Form;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use maud::html;
use ruhu_domain::case::Case;
use ruhu_domain::document;
use ruhu_domain::geo::GeoPoint;
use ruhu_domain::household::Household;
use ruhu_domain::photo::ReviewStatus;
use ruhu_proto::v1::ErrorCode;
use serde::Deserialize;

use crate::console::Signed;
use crate::console::auth;
use crate::console::view::{self, page};
use crate::db::Access;
use crate::documents::load;
use crate::edit::county_edit;
use crate::error::CountyError;
use crate::state::County;

use super::*;

/// Pending photos as a grid the keyboard runs through.
pub async fn photos(State(county): State<Arc<County>>, s: Signed) -> Response {
    if !s.account.role.reviews() {
        return view::message(
            StatusCode::FORBIDDEN,
            "无权访问",
            "照片审核由县级审核员进行。",
        );
    }
    let scope = s.account.scope.clone();
    let data = county
        .run(Access::Snapshot, move |tx, _| {
            let pending = tx.pending_photos(&scope, 120)?;
            let mut flags = BTreeMap::new();
            let mut places = BTreeMap::new();
            let mut homes: BTreeMap<String, Option<GeoPoint>> = BTreeMap::new();
            for p in &pending {
                let f = tx.flags(&p.sha256)?;
                if !f.is_empty() {
                    flags.insert(p.sha256.clone(), f);
                }
                if !homes.contains_key(&p.household_id) {
                    let home = document::read::<Household>(&load(tx, &p.household_id)?)
                        .ok()
                        .and_then(|h| h.profile.location);
                    homes.insert(p.household_id.clone(), home);
                }
                let taken = photo_location(tx, &p.doc_id, &p.photo_id)?;
                let home = homes.get(&p.household_id).copied().flatten();
                places.insert(
                    (p.doc_id.clone(), p.photo_id.clone()),
                    place_text(taken, home),
                );
            }
            Ok((pending, flags, places))
        })
        .await;
    let (pending, flags, places) = match data {
        Ok(d) => d,
        Err(e) => return view::failure(&e),
    };
    let body = html! {
        p.muted.noprint { "键盘：← → 选择，A 通过，R 要求重拍（须写原因），Enter 看大图。共 " (pending.len()) " 张待审。" }
        form #review method="post" action="/console/photos/review" {
            input type="hidden" name="csrf" value=(s.csrf);
            input type="hidden" name="doc_id";
            input type="hidden" name="photo_id";
            input type="hidden" name="decision";
            input type="hidden" name="reason";
        }
        div.grid #photos {
            @for (i, p) in pending.iter().enumerate() {
                div.photo class=(if i == 0 { "photo current" } else { "photo" })
                    data-doc=(p.doc_id) data-photo=(p.photo_id) data-full={ "/console/files/" (p.sha256) } {
                    @if p.arrived {
                        img src={ "/console/files/" (p.thumb_sha256) } alt=(view::photo_kind(&p.kind));
                    } @else {
                        p.muted { "照片仍在上传，暂不能审核" }
                    }
                    small { (view::photo_kind(&p.kind)) " · " (p.village_code) }
                    small { "拍摄 " (view::time(p.taken_at)) }
                    small { "入户上传 " (p.attached_at.map(view::time).unwrap_or_else(|| "—".into())) }
                    @if let Some(place) = places.get(&(p.doc_id.clone(), p.photo_id.clone())) {
                        small.place { (place) }
                    }
                    @if let Some(fs) = flags.get(&p.sha256) {
                        @for f in fs { small.flag { "⚠ " (f.detail) } }
                    }
                    @if p.arrived {
                        button.noprint type="button" data-act="approved" { "通过" }
                        " " button.noprint type="button" data-act="retake_needed" { "重拍" }
                    }
                }
            }
        }
        script src=(crate::console::assets::REVIEW_JS_PATH) {}
    };
    page(&s.account, &s.csrf, "照片审核", body)
}

/// Where a photo was taken, from the document listing it.
fn photo_location(
    tx: &mut dyn crate::db::Tx,
    doc_id: &str,
    photo_id: &str,
) -> Result<Option<GeoPoint>, CountyError> {
    let doc = load(tx, doc_id)?;
    let evidence = match document::kind_of(&doc) {
        Some(document::DocKind::Household) => {
            document::read::<Household>(&doc).ok().map(|h| h.evidence)
        }
        Some(document::DocKind::Case) => document::read::<Case>(&doc).ok().map(|c| c.evidence),
        _ => None,
    };
    Ok(evidence.and_then(|e| e.get(photo_id).and_then(|m| m.location)))
}

/// The place of a photo against the home, in words.
fn place_text(taken: Option<GeoPoint>, home: Option<GeoPoint>) -> String {
    match (taken, home) {
        (None, _) => "照片无定位".into(),
        (Some(_), None) => "住户未登记位置，无法比对".into(),
        (Some(t), Some(h)) => {
            let m = distance_m(t, h);
            if m < 1000.0 {
                format!("拍摄地点距住户约 {m:.0} 米")
            } else {
                format!("拍摄地点距住户约 {:.1} 公里，请核实", m / 1000.0)
            }
        }
    }
}

/// Great-circle distance in metres.
fn distance_m(a: GeoPoint, b: GeoPoint) -> f64 {
    const R: f64 = 6_371_000.0;
    let (la1, la2) = (a.lat.to_radians(), b.lat.to_radians());
    let dla = la2 - la1;
    let dlo = (b.lon - a.lon).to_radians();
    let h = (dla / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlo / 2.0).sin().powi(2);
    2.0 * R * h.sqrt().asin()
}

/// A review decision as posted.
#[derive(Deserialize)]
pub struct ReviewForm {
    csrf: String,
    doc_id: String,
    photo_id: String,
    decision: String,
    #[serde(default)]
    reason: String,
}

/// Records a review in the document listing the photo; it reaches the worker's phone with
/// the next sync (a retake shows there as owed).
pub async fn photo_review(
    State(county): State<Arc<County>>,
    s: Signed,
    Form(f): Form<ReviewForm>,
) -> Response {
    if let Some(r) = s.refuse_csrf(&f.csrf) {
        return r;
    }
    if !s.account.role.reviews() {
        return view::message(
            StatusCode::FORBIDDEN,
            "无权操作",
            "照片审核由县级审核员进行。",
        );
    }
    let decision = match f.decision.as_str() {
        "approved" => ReviewStatus::Approved,
        "retake_needed" => ReviewStatus::RetakeNeeded,
        _ => {
            return view::message(
                StatusCode::BAD_REQUEST,
                "未能审核",
                "审核结果只能是通过或重拍。",
            );
        }
    };
    let account = s.account.clone();
    let result = county
        .run(Access::Appends, move |tx, code| {
            let doc = load(tx, &f.doc_id)?;
            let now = Utc::now();
            let by = account.username.clone();
            let reason = f.reason.clone();
            let pid = f.photo_id.clone();
            let review = move |evidence: &mut BTreeMap<String, ruhu_domain::photo::PhotoMeta>| {
                let m = evidence
                    .get_mut(&pid)
                    .ok_or_else(|| bad("这张照片已不在记录中"))?;
                m.review(decision, &reason, &by, now).map_err(bad)
            };
            match document::kind_of(&doc) {
                Some(document::DocKind::Household) => {
                    let h: Household = document::read(&doc).map_err(|_| bad("记录无法读取"))?;
                    if !account.covers(
                        &h.profile.address.village_code,
                        &h.profile.address.grid_code,
                    ) {
                        return Err(out_of_scope());
                    }
                    county_edit::<Household>(tx, code, &f.doc_id, "review photo", |h| {
                        review(&mut h.evidence)
                    })?;
                }
                Some(document::DocKind::Case) => {
                    let c: Case = document::read(&doc).map_err(|_| bad("记录无法读取"))?;
                    if !account.covers(&c.village_code, &c.grid_code) {
                        return Err(out_of_scope());
                    }
                    county_edit::<Case>(tx, code, &f.doc_id, "review photo", |c| {
                        review(&mut c.evidence)
                    })?;
                }
                _ => return Err(bad("没有这条记录")),
            }
            auth::audit(
                tx,
                &account.username,
                "review_photo",
                &format!("{}/{}", f.doc_id, f.photo_id),
                now.timestamp(),
            )
        })
        .await;
    match result {
        Ok(()) => Redirect::to("/console/photos").into_response(),
        Err(e) if e.code == ErrorCode::Malformed => {
            view::message(StatusCode::BAD_REQUEST, "未能审核", &e.message)
        }
        Err(e) => view::failure(&e),
    }
}

/// A photo file (image or thumbnail) for an account whose scope covers a record listing it.
pub async fn photo_file(
    State(county): State<Arc<County>>,
    s: Signed,
    Path(sha): Path<String>,
) -> Response {
    let account = s.account.clone();
    let c = county.clone();
    let result = county
        .run(Access::Snapshot, move |tx, _| {
            if sha.len() != 64
                || !sha
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            {
                return Err(bad("照片编号不对"));
            }
            // A file belongs to the document that first listed it; unknown and foreign files
            // get the same answer.
            if !tx
                .photo_home(&sha)?
                .is_some_and(|(village, grid)| account.covers(&village, &grid))
            {
                return Err(out_of_scope());
            }
            if tx.blob(&sha)?.is_none() {
                return Err(CountyError::new(ErrorCode::UnknownBlob, "照片仍在上传"));
            }
            let sealed = c
                .blob_store()
                .get(&sha)?
                .ok_or_else(|| CountyError::new(ErrorCode::UnknownBlob, "照片仍在上传"))?;
            c.sealer()
                .open(&sha, &sealed)
                .map_err(|_| CountyError::new(ErrorCode::Internal, "a stored photo is damaged"))
        })
        .await;
    match result {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, "image/jpeg"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            bytes,
        )
            .into_response(),
        Err(e) if e.code == ErrorCode::UnknownBlob => view::message(
            StatusCode::NOT_FOUND,
            "照片仍在上传",
            "这张照片尚未完整上传到县级平台，请稍后再看。",
        ),
        Err(e) => view::failure(&e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(lat: f64, lon: f64) -> GeoPoint {
        GeoPoint {
            lat,
            lon,
            accuracy_m: 10.0,
        }
    }

    #[test]
    fn the_place_of_a_photo_is_told_against_the_home() {
        let home = at(37.4345, 118.6747);
        assert_eq!(place_text(None, Some(home)), "照片无定位");
        let near = place_text(Some(at(37.4350, 118.6747)), Some(home));
        assert_eq!(near, "拍摄地点距住户约 56 米");
        let far = place_text(Some(at(37.5345, 118.6747)), Some(home));
        assert!(far.starts_with("拍摄地点距住户约 11.1 公里"), "{far}");
    }
}
