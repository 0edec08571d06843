# language: de
Funktionalität: Alter
  @53-FZ.22.1.а
  Szenario: ein Mann
    Angenommen the person is a man
    Und he was born on 10 May 2000
    Wenn I ask for conscription.liable_by_age on 2024-04-15
    Dann the answer is yes
