#!/usr/bin/env python3
"""Sanity check of the converted built-in datasets (not used at run time): a linear bag-of-words classifier on
spam and a linear AR(28) forecast on births, to confirm the data is learnable and the targets in the README are
reachable. Needs numpy and torch (Debian python3-torch). Run from the repository root or anywhere:
python3 assets/datasets/convert/sanity_check.py"""
import os
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
import gzip, csv, io, re, numpy as np, torch
def rows(p):
    return list(csv.reader(io.StringIO(gzip.open(p,'rt',encoding='utf-8').read()), delimiter='\t'))[1:]
tr=rows(os.path.join(ROOT, 'spam/train.tsv.gz')); te=rows(os.path.join(ROOT, 'spam/test.tsv.gz'))
tok=lambda s: re.findall(r"[^\W_]+|[^\w\s]|_", s.lower())
from collections import Counter
c=Counter(t for r in tr for t in set(tok(r[1]+' '+r[2])))
vocab={w:i for i,(w,n) in enumerate(c.most_common()) if n>=2}
def X(rs):
    m=np.zeros((len(rs),len(vocab)),np.float32)
    for i,r in enumerate(rs):
        for t in tok(r[1]+' '+r[2]):
            j=vocab.get(t)
            if j is not None: m[i,j]=1
    return torch.tensor(m), torch.tensor([1 if r[0]=='spam' else 0 for r in rs])
xtr,ytr=X(tr); xte,yte=X(te)
torch.manual_seed(0)
lin=torch.nn.Linear(len(vocab),2); opt=torch.optim.Adam(lin.parameters(),1e-2,weight_decay=1e-4)
for ep in range(60):
    opt.zero_grad(); l=torch.nn.functional.cross_entropy(lin(xtr),ytr); l.backward(); opt.step()
print('spam bag-of-words logistic test acc', (lin(xte).argmax(1)==yte).float().mean().item())
# births AR(28) least squares vs seasonal naive on validation
b=np.array([float(r.split(',')[2]) for r in open(os.path.join(ROOT, 'births/births.csv')).read().split()[1:]])
n=len(b); nv=round(n*.1); nt=round(n*.1); ntr=n-nv-nt; W=28
Xs=np.array([b[s:s+W] for s in range(n-W)]); Y=b[W:]; tidx=np.arange(W,n)
trm=tidx<ntr; vam=(tidx>=ntr)&(tidx<ntr+nv)
A=np.c_[Xs,np.ones(len(Xs))]
coef=np.linalg.lstsq(A[trm],Y[trm],rcond=None)[0]
print('births AR28 val MAE', np.abs(A[vam]@coef-Y[vam]).mean(), 'seasonal7 MAE', np.abs(b[tidx[vam]-7]-Y[vam]).mean())
