(function(){
  var cards=[].slice.call(document.querySelectorAll('#photos .photo'));var i=0;
  function pick(n){if(!cards.length)return;cards[i].classList.remove('current');i=(n+cards.length)%cards.length;cards[i].classList.add('current');cards[i].scrollIntoView({block:'nearest'});}
  function send(card,decision){
    var reason='';
    if(decision==='retake_needed'){reason=window.prompt('请写明重拍原因');if(!reason)return;}
    var f=document.getElementById('review');
    f.doc_id.value=card.dataset.doc;f.photo_id.value=card.dataset.photo;f.decision.value=decision;f.reason.value=reason;f.submit();
  }
  cards.forEach(function(c,n){c.addEventListener('click',function(e){pick(n);var a=e.target.dataset.act;if(a)send(c,a);});});
  document.addEventListener('keydown',function(e){
    if(!cards.length)return;var c=cards[i];
    if(e.key==='ArrowRight'||e.key==='j')pick(i+1);
    else if(e.key==='ArrowLeft'||e.key==='k')pick(i-1);
    else if(e.key==='a'||e.key==='A'){if(c.querySelector('img'))send(c,'approved');}
    else if(e.key==='r'||e.key==='R'){if(c.querySelector('img'))send(c,'retake_needed');}
    else if(e.key==='Enter'){window.open(c.dataset.full,'_blank');}
  });
})();
